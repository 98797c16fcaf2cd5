import http from 'http';
import express, { Request, Response, NextFunction } from 'express';
import { createTerminus } from '@godaddy/terminus';

const app = express();

app.get('/api/items', (req: Request, res: Response) => {
  res.json([]);
});

app.use((err: Error, req: Request, res: Response, next: NextFunction) => {
  res.status(500).json({ error: 'internal' });
});

const server = http.createServer(app);
createTerminus(server, { healthChecks: { '/healthz': async () => 'ok' } });
server.listen(3000);
