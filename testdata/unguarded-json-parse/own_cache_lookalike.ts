import { promises as fs } from 'fs';
import path from 'path';

export async function loadState(dir: string): Promise<object> {
  return JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8')); // expect: unguarded-json-parse
}
