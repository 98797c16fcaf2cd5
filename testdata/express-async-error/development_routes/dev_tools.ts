// Called by server.js only in development: the registrations on its own router are too.
import { Router, type Express } from 'express';

export function mountDevTools(app: Express): void {
  const devRouter = Router();
  devRouter.post('/fixtures/load', async (req, res) => {
    await Fixtures.load(req.body.name);
    res.sendStatus(204);
  });
  app.use('/_dev', devRouter);
}

// Called in every run.
export function mountExports(app: Express): void {
  const exportsRouter = Router();
  exportsRouter.get('/exports/:id', async (req, res) => { // expect: express-async-error
    res.json(await Export.find(req.params.id));
  });
  app.use('/api', exportsRouter);
}
