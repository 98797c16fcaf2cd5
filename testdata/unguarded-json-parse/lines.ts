import { readFileSync, promises as fsp } from 'fs';

interface Row {
  id: number;
}

export function loadRows(req: { query: { path: string } }): Row[] {
  const raw: string = readFileSync(req.query.path, 'utf8');
  return raw
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as Row); // expect: unguarded-json-parse
}

export async function loadAsync(req: { query: { path: string } }): Promise<Row[]> {
  const rows: Row[] = [];
  const text = await fsp.readFile(req.query.path, 'utf8');
  for (const line of text.split('\n')) {
    rows.push(JSON.parse(line)); // expect: unguarded-json-parse
  }
  return rows;
}

export function safeRows(path: string): Row[] {
  const raw = readFileSync(req.query.path, 'utf8');
  return raw.split('\n').flatMap((l) => {
    try {
      return [JSON.parse(l) as Row];
    } catch {
      return [];
    }
  });
}
