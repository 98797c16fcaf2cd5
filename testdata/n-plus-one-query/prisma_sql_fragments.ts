// `Prisma.sql` (here taken as `const { sql } = Prisma`) builds a fragment: the columns of
// one select built per metric run in the one `$queryRaw` after the loop. A `$queryRaw`
// per item is a query per item.
import { Prisma, PrismaClient } from '@prisma/client';

const { sql, join } = Prisma;
const prisma = new PrismaClient();

export async function metrics(names: string[]): Promise<unknown> {
  const columns = names.map((name) => {
    if (name === 'all') {
      return sql`count(1) as total`;
    }
    return sql`sum(${Prisma.raw(name)}) as ${Prisma.raw(name)}`;
  });
  return prisma.$queryRaw(sql`select ${join(columns)} from events`);
}

export async function usersOf(ids: string[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const id of ids) {
    out.push(await prisma.$queryRaw(sql`select * from users where id = ${id}`)); // expect: n-plus-one-query
  }
  return out;
}
