// The app is handed to a package backlint knows nothing about, through a function of the
// project: the package may register error middleware, so nothing is reported.
import express from 'express';
import { setupPlugins } from './plugins';

const app = express();
app.get('/orders', (req, res) => res.json([]));

setupPlugins(app);

export default app;
