// A file the request uploads or names is outside input: reported.
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import type { Request, Response } from 'express';

export function importUpload(req: Request, res: Response) {
  const data = JSON.parse(readFileSync(req.file!.path, 'utf8')); // expect: unguarded-json-parse
  res.json(data);
}

export async function readNamed(req: Request, res: Response) {
  res.json(JSON.parse(await readFile(`/srv/state/${req.params.name}.json`, 'utf8'))); // expect: unguarded-json-parse
}
