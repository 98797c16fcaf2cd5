import express from 'express';

const app = express();
const HOST = process.env.HOST || 'localhost';

app.get('/health', (_req, res) => res.send('ok'));

app.listen(8000, HOST);
