// A demo server beside the product: quiet.
const express = require('express');
const app = express();

app.use(express.json());

app.post('/hooks', (req, res) => {
  res.json({ received: req.body.event });
});

app.listen(3000);
