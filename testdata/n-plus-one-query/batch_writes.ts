// A batch write per group (`createMany`) writes the group's rows in one statement: not one
// query per row. A single-row write per item is still reported.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function copyLines(): Promise<void> {
  const orders = await prisma.order.findMany({ where: { open: true } });
  for (const order of orders) {
    await prisma.line.createMany({ data: order.skus.map((sku: string) => ({ orderId: order.id, sku })) });
  }
}

export async function createLines(): Promise<void> {
  const orders = await prisma.order.findMany({ where: { open: true } });
  for (const order of orders) {
    await prisma.line.create({ data: { orderId: order.id, sku: order.sku } }); // expect: n-plus-one-query
  }
}
