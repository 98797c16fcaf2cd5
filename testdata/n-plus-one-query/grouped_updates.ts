// One update per group of rows, picked by an IN over the group's ids, writing the group's
// own key: the batched form. An update picking one row per iteration is reported.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

export async function moveDocuments(byParent: Map<string, string[]>): Promise<void> {
  for (const [parentId, ids] of byParent) {
    await prisma.document.updateMany({ where: { id: { in: ids } }, data: { parentId } });
  }
}

export async function moveEach(moves: Map<string, string>): Promise<void> {
  for (const [id, parentId] of moves) {
    await prisma.document.update({ where: { id }, data: { parentId } }); // expect: n-plus-one-query
  }
}
