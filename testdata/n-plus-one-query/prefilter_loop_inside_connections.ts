// Tests that run once per configured database: the callback over `connections` is not an
// N+1 loop, a loop over rows inside it is.
import { DataSource } from "typeorm";
import { Post } from "./entity/Post";

export async function seedEveryDatabase(connections: DataSource[], titles: string[]) {
  await Promise.all(
    connections.map(async (connection) => {
      const posts = titles.map((title) => Object.assign(new Post(), { title }));
      await connection.manager.clear(Post);
      for (const post of posts) {
        await connection.manager.save(post); // expect: n-plus-one-query
      }
    }),
  );
}

export async function countEveryDatabase(connections: DataSource[]) {
  return Promise.all(
    connections.map((connection) => connection.getRepository(Post).count()),
  );
}
