// A loop bounded in the code by a slice, `take` or `limit` of a few items runs a handful of
// queries, whatever the data: not reported. The same loops over all the rows are.
import { Repository } from 'typeorm';

export class FeedService {
  constructor(private readonly users: Repository<User>, private readonly posts: Repository<Post>) {}

  async featured(): Promise<Post[]> {
    const posts = await this.posts.find({ order: { id: 'DESC' }, take: 3 });
    for (const post of posts) {
      post.author = await this.users.findOne({ where: { id: post.authorId } });
    }
    return posts;
  }

  async firstMentions(ids: string[]): Promise<User[]> {
    return Promise.all(ids.slice(0, 5).map((id) => this.users.findOne({ where: { id } })));
  }

  async everyPost(): Promise<Post[]> {
    const posts = await this.posts.find({ order: { id: 'DESC' } });
    for (const post of posts) {
      post.author = await this.users.findOne({ where: { id: post.authorId } }); // expect: n-plus-one-query
    }
    return posts;
  }

  async recentPosts(): Promise<Post[]> {
    const posts = await this.posts.find({ order: { id: 'DESC' }, take: 50 });
    for (const post of posts) {
      post.author = await this.users.findOne({ where: { id: post.authorId } }); // expect: n-plus-one-query
    }
    return posts;
  }

  async mentions(ids: string[]): Promise<User[]> {
    return Promise.all(ids.map((id) => this.users.findOne({ where: { id } }))); // expect: n-plus-one-query
  }
}
