const express = require('express');
const fs = require('fs');
const app = express();

function parseItem(text) {
  if (!text) throw new Error('empty');
  return JSON.parse(text);
}

function onReadSafe(err, html) {
  try {
    if (err) throw err;
  } catch (e) {
    console.error(e);
  }
}

function step() {
  throw new Error('rejected, then handed to next');
}

function onLoad(err, data) {
  if (err) throw err;
  return data;
}

app.get('/a', (req, res, next) => {
  // Called directly: Express catches the synchronous throw.
  const item = parseItem(req.query.q);
  // Passed to an array method that calls it synchronously.
  const items = String(req.query.list).split(',').map(parseItem);
  // The throw is caught inside the callback.
  fs.readFile('/x', onReadSafe);
  // Passed to .then, with the chain ending in .catch(next).
  Promise.resolve().then(step).catch(next);
  res.json({ item, items });
});

// Passed from code that is not a route handler or middleware.
function warmUp() {
  fs.readFile('/cache.json', onLoad);
  setTimeout(step, 10);
}

// A parameter with the same name shadows the module-level function.
app.get('/b', (req, res) => {
  [1, 2].forEach((onLoad) => setTimeout(() => res.write(String(onLoad)), 0));
  res.end();
});

// The handler passed by name is registered, not called back later.
function failing(req, res) {
  throw new Error('sync');
}
app.get('/c', failing);

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = { app, warmUp };
