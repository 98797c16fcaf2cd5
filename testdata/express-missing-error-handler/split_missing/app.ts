import express from 'express';
import usersRouter from './routes/users';
import { requestLogger } from './middleware/logger';

const app = express(); // expect: express-missing-error-handler
app.use(requestLogger);
app.use('/users', usersRouter);

export default app;
