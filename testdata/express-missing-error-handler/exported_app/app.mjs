import express from 'express';

export const app = express();
app.use(express.json());
app.get('/ping', (req, res) => res.send('pong'));
