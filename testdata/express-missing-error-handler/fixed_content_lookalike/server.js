// Looks like a static server, but one route answers from the request: a thrown
// error there reaches the default handler.
const express = require('express');

const app = express(); // expect: express-missing-error-handler

app.use(express.static('public'));

app.get('/', (req, res) => {
  res.send('Board sync server is running');
});

app.get('/echo', (req, res) => {
  res.json({ room: req.query.room.toUpperCase() });
});

app.listen(8080);
