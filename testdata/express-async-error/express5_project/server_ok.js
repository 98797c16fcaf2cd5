const express = require('express');
const app = express();

// Express 5 forwards rejected promises to the error middleware.
app.get('/users', async (req, res) => {
  res.json(await User.find());
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});

app.listen(3000);
