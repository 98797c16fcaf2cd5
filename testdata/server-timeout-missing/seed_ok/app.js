const express = require('express');
const app = express();

const server = app.listen(3000);
server.timeout = 30000;

const timeout = require('connect-timeout');

app.use('/api/slow', timeout('10s'));

app.get('/api/slow/operation', async (req, res) => {
  if (req.timedout) return;

  try {
    const result = await slowOperation();
    res.json(result);
  } catch (error) {
    if (!req.timedout) {
      res.status(500).json({ error: 'Operation failed' });
    }
  }
});

app.use((req, res, next) => {
  if (req.timedout) {
    res.status(408).json({
      error: 'Request Timeout',
      message: 'Request took too long to process'
    });
  } else {
    next();
  }
});

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
