import fs from 'fs';
import { Request, Response } from 'express';
import { SQSEvent } from 'aws-lambda';

// The operator's settings file, at a path the caller gives: quiet.
export function readSettings(file: string) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

export function filter(req: Request, res: Response) {
  const criteria = JSON.parse(req.query.filter as string); // expect: unguarded-json-parse
  res.json(search(criteria));
}

export async function handler(event: SQSEvent) {
  for (const record of event.Records) {
    const job = JSON.parse(record.body); // expect: unguarded-json-parse
    await run(job);
  }
}

export function rawBody(req: Request, res: Response) {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const payload = JSON.parse(body); // expect: unguarded-json-parse
    res.json(payload);
  });
}
