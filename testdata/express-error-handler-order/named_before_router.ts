import express, { Request, Response, NextFunction } from 'express';
import { errorHandler } from './errors';
import apiRouter from './api';

const app = express();

app.use(errorHandler); // expect: express-error-handler-order
app.use('/api', apiRouter);

export default app;
