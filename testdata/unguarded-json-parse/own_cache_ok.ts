import { promises as fs } from 'fs';
import path from 'path';

export async function saveState(dir: string, state: object): Promise<void> {
  await fs.writeFile(path.join(dir, 'state.json'), JSON.stringify(state));
}

export async function loadState(dir: string): Promise<object> {
  return JSON.parse(await fs.readFile(path.join(dir, 'state.json'), 'utf8'));
}
