import express, { Request, Response } from 'express';

const app = express();
const port: number = Number(process.env.PORT ?? 3000);

app.get('/health', (_req: Request, res: Response) => res.json({ ok: true }));

app.listen(port, '0.0.0.0');
