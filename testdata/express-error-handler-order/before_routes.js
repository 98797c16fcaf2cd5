const express = require('express');
const app = express();

app.use(express.json());

app.use((err, req, res, next) => { // expect: express-error-handler-order
  res.status(500).json({ error: 'Internal Server Error' });
});

app.get('/users', (req, res) => {
  res.json([]);
});

app.listen(3000);
