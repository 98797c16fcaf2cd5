const express = require('express');
const fs = require('fs');
const app = express();

// A function declared in the handler and passed to fs.
app.get('/t/:name', (req, res) => {
  function onRead(err, html) {
    if (err) throw err; // expect: callback-throw
    res.send(html);
  }
  fs.readFile(`./t/${req.params.name}.html`, 'utf8', onRead);
});

// Module-level functions passed from a handler: a timer, fs, a Node-style db callback, an event.
app.get('/tick', (req, res) => {
  setTimeout(tick, 10);
  res.send('ok');
});

function tick() {
  throw new Error('x'); // expect: callback-throw
}

const onStat = (err, st) => {
  if (err) throw err; // expect: callback-throw
  return st;
};

app.get('/stat', function (req, res) {
  fs.stat('/tmp/x', onStat);
  res.end();
});

const onRows = function (error, rows) {
  if (error) {
    throw error; // expect: callback-throw
  }
  return rows;
};

app.get('/rows', (req, res) => {
  db.query('SELECT 1', onRows);
  res.end();
});

function onClose() {
  throw new Error('closed early'); // expect: callback-throw
}

app.get('/stream', (req, res) => {
  res.on('close', onClose);
  res.end();
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

module.exports = app;
