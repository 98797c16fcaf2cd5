import { promises as fs } from 'fs';
import path from 'path';

export async function loadState(req: { query: { dir: string } }): Promise<object> {
  return JSON.parse(await fs.readFile(path.join(req.query.dir, 'state.json'), 'utf8')); // expect: unguarded-json-parse
}
