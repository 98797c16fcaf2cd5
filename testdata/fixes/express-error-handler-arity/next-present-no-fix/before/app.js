const express = require('express');
const app = express();

app.use((err, req, next) => {
  next(err);
});
