// The product's server: reported.
const express = require('express');
const app = express(); // expect: express-missing-error-handler

app.use(express.json());

app.post('/hooks', (req, res) => {
  res.json({ received: req.body.event });
});

app.listen(3000);
