// A call whose result an async function reads at once as a value, without `await`, returned
// the object itself: an entity built in memory (`Repo.create({...})`, saved after), a read
// of a table cache held in memory. The save, awaited, is still a query per item.
import { AppDataSource } from './data-source';
import { Attachment } from './entities/Attachment';
import { Table } from './models/table';

const attachments = AppDataSource.getRepository(Attachment);

export async function saveAll(files: { name: string }[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      const entity = attachments.create({ filename: file.name });
      await attachments.save(entity); // expect: n-plus-one-query
      return entity.filename;
    }),
  );
}

export async function rowsOf(fields: { tableId: number }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const field of fields) {
    const table = Table.findOne({ id: field.tableId });
    out.push(await table!.getRows({}));
  }
  return out;
}

export async function tablesOf(fields: { tableId: number }[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const field of fields) {
    const table = await Table.findOne({ id: field.tableId }); // expect: n-plus-one-query
    out.push(table);
  }
  return out;
}
