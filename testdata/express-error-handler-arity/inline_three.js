const express = require('express');
const app = express();

app.get('/', (req, res) => {
  throw new Error('BROKEN');
});

app.use((err, req, res) => { // expect: express-error-handler-arity
  console.error(err.stack);
  res.status(500).send('Something broke!');
});

app.listen(3000);
