// The parts of one object the function has just created (the sortings of the one view
// being imported) are not reported; the same writes over the request's list or the rows
// of a query are.
import { PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();

interface SerializedView {
  name: string;
  sortings: { fieldId: string; order: string }[];
}

export async function importView(tableId: string, serialized: SerializedView): Promise<string> {
  const copy = { ...serialized };
  const sortings = copy.sortings ?? [];
  const view = await prisma.view.create({ data: { tableId, name: copy.name } });
  for (const sorting of sortings) {
    await prisma.viewSort.create({ data: { viewId: view.id, fieldId: sorting.fieldId } });
  }
  return view.id;
}

export async function saveView(req: { body: SerializedView }): Promise<string> {
  const view = await prisma.view.create({ data: { tableId: 't', name: req.body.name } });
  const sortings = req.body.sortings;
  for (const sorting of sortings) {
    await prisma.viewSort.create({ data: { viewId: view.id, fieldId: sorting.fieldId } }); // expect: n-plus-one-query
  }
  return view.id;
}

export async function copyView(sourceId: string): Promise<string> {
  const view = await prisma.view.create({ data: { tableId: 't', name: 'copy' } });
  const sortings = await prisma.viewSort.findMany({ where: { viewId: sourceId } });
  for (const sorting of sortings) {
    await prisma.viewSort.create({ data: { viewId: view.id, fieldId: sorting.fieldId } }); // expect: n-plus-one-query
  }
  return view.id;
}
