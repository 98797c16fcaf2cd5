// Static assets and a constant status page only.
import express from 'express';

const app = express();

app.use(express.static('dist'));

app.get('/status', (_req, res) => res.type('text/plain').send('ok'));

app.listen(3000);
