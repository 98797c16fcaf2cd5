import express, { Application } from 'express';
import { router } from './router';

export function createApp(): Application {
  const app = express(); // expect: express-missing-error-handler
  app.use(express.json());
  app.use('/api', router);
  return app;
}
