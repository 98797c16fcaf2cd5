require('express-async-errors');
const express = require('express');
const routes = require('./routes');

const app = express();
app.use(routes);
app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});
app.listen(3000);
