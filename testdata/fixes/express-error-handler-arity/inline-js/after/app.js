const express = require('express');
const app = express();

app.get('/', (req, res) => res.send('ok'));

app.use((err, req, res, _next) => {
  console.error(err.stack);
  res.status(500).send('Something broke!');
});

app.listen(3000);
