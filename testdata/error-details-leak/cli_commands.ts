import { Command } from 'commander';
import express, { Request, Response } from 'express';

const program = new Command();
program.command('install <name>').action(async (name: string) => {
  try {
    await installPlugin(name);
  } catch (err) {
    console.error(`Failed to install ${name}: ${(err as Error).message}`);
    process.exitCode = 1;
  }
});

const app = express();
app.post('/plugins/:name', async (req: Request, res: Response) => {
  try {
    await installPlugin(req.params.name);
    res.json({ ok: true });
  } catch (err: any) {
    res.status(500).send(err.message); // expect: error-details-leak
  }
});

app.use((err: Error, req: Request, res: Response, next: express.NextFunction) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});
