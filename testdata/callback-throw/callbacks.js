const express = require('express');
const fs = require('fs');
const router = express.Router();

router.get('/file', (req, res) => {
  fs.readFile('/file-does-not-exist', (err, data) => {
    if (err) throw err; // expect: callback-throw
    res.send(data);
  });
});

router.get('/timer', (req, res) => {
  setTimeout(() => {
    throw new Error('BROKEN'); // expect: callback-throw
  }, 100);
});

router.get('/db', function (req, res) {
  db.query('SELECT 1', function (error, rows) {
    if (error) {
      throw error; // expect: callback-throw
    }
    res.json(rows);
  });
});

router.post('/upload', (req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    if (!body) {
      throw new Error('empty body'); // expect: callback-throw
    }
    res.send('ok');
  });
});

module.exports = router;
