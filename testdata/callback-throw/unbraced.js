// Throws written without braces around them: the walk must reach each of them.
const express = require('express');
const fs = require('fs');
const app = express();

app.get('/else', (req, res) => {
  fs.readFile('/data', (err, data) => {
    if (!err) res.send(data);
    else throw err; // expect: callback-throw
  });
});

app.get('/loop', (req, res) => {
  fs.readdir('/data', (err, names) => {
    for (const name of names) if (!name) throw new Error('empty name'); // expect: callback-throw
    res.send(names);
  });
});

app.get('/switch', (req, res) => {
  fs.stat('/data', (err, stats) => {
    switch (stats.mode) {
      case 0: throw new Error('no mode'); // expect: callback-throw
      default: res.send(stats);
    }
  });
});

app.get('/label', (req, res) => {
  setTimeout(() => {
    check: throw new Error('late'); // expect: callback-throw
  }, 10);
});

app.use((err, req, res, next) => {
  res.status(500).send('error');
});
