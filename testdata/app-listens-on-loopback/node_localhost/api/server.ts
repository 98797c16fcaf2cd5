import express from 'express';

const app = express();
const port = Number(process.env.PORT) || 3000;

app.get('/internal/jobs', (_req, res) => res.json([]));

app.listen(port, 'localhost', () => console.log(`api on ${port}`)); // expect: app-listens-on-loopback
