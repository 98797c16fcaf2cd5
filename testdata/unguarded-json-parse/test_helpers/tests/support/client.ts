import { readFile } from 'fs/promises';

export async function readTrace(file: string): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}
