import express from 'express';

const app = express();
const HOST = process.env.HOST || '0.0.0.0';

app.get('/health', (_req, res) => res.send('ok'));

app.listen(8000, HOST);
