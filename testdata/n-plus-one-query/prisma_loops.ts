import { PrismaClient, User } from '@prisma/client';

const prisma = new PrismaClient();

app.get('/api/users-with-posts', async (req: Request, res: Response) => {
  const users = await prisma.user.findMany();
  for (const user of users) {
    // expect: n-plus-one-query@warning
    (user as any).posts = await prisma.post.findMany({
      where: { authorId: user.id },
    });
  }
  res.json(users);
});

export async function loadUsers(ids: string[]): Promise<(User | null)[]> {
  return Promise.all(ids.map((id) => prisma.user.findUnique({ where: { id } }))); // expect: n-plus-one-query
}

export async function touchAll(users: User[]): Promise<void> {
  for (let i = 0; i < users.length; i++) {
    await prisma.user.update({ where: { id: users[i].id }, data: { seenAt: new Date() } }); // expect: n-plus-one-query
  }
}

export async function ordersOf(userIds: number[]) {
  const result: Record<number, unknown[]> = {};
  for (const userId of userIds) {
    const key = String(userId);
    result[userId] = await prisma.order.findMany({ where: { userId: Number(key) } }); // expect: n-plus-one-query
  }
  return result;
}

// Look-alikes: one batched query, a loop that only computes.
export async function loadUsersBatched(ids: string[]): Promise<User[]> {
  return prisma.user.findMany({ where: { id: { in: ids } }, include: { posts: true } });
}

export function total(rows: { price: number }[]): number {
  let sum = 0;
  for (const row of rows) {
    sum += row.price;
  }
  return rows.map((r) => r.price * 2).reduce((a, b) => a + b, sum);
}
