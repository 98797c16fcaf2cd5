// A benchmark measures the code; no request runs it, and its loops are the measurement.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function benchLineCounts(): Promise<void> {
  const orders = await prisma.order.findMany();
  for (const order of orders) {
    await prisma.line.count({ where: { orderId: order.id } });
  }
}
