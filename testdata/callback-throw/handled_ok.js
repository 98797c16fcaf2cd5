const express = require('express');
const fs = require('fs');
const app = express();

// The seed's fixes: next(err), try/catch with next, .catch(next).
app.get('/a', (req, res, next) => {
  fs.readFile('/file-does-not-exist', (err, data) => {
    if (err) {
      next(err);
    } else {
      res.send(data);
    }
  });
});

app.get('/b', (req, res, next) => {
  setTimeout(() => {
    try {
      throw new Error('BROKEN');
    } catch (err) {
      next(err);
    }
  }, 100);
});

app.get('/c', (req, res, next) => {
  Promise.resolve()
    .then(() => {
      throw new Error('BROKEN');
    })
    .catch(next);
});

// Express catches a synchronous throw on its own.
app.get('/d', (req, res) => {
  throw new Error('BROKEN');
});

// Synchronous callbacks, promise executors and async callbacks.
app.get('/e', (req, res) => {
  const ids = req.query.ids.split(',').map((id) => {
    if (!/^\d+$/.test(id)) throw new Error('bad id');
    return Number(id);
  });
  const p = new Promise((resolve, reject) => {
    throw new Error('rejects p');
  });
  db.transaction(async (t) => {
    throw new Error('rolls back');
  });
  res.json(ids);
});

// A callback outside any handler.
function loadConfig() {
  fs.readFile('config.json', (err, data) => {
    if (err) throw err;
    return data;
  });
}

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = { app, loadConfig };
