// Static assets and a constant page, but a body parser runs first: a malformed JSON
// body ends in Express's default handler.
import express from 'express';

const app = express(); // expect: express-missing-error-handler

app.use(express.json());
app.use(express.static('dist'));

app.get('/status', (_req, res) => res.type('text/plain').send('ok'));

app.listen(3000);
