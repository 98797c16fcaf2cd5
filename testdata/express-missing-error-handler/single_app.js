const express = require('express');
const app = express(); // expect: express-missing-error-handler

app.use(express.json());

app.get('/api/users', (req, res) => {
  res.json({ users: [] });
});

// A 404 handler is not an error handler.
app.use((req, res) => {
  res.status(404).json({ error: 'Not Found' });
});

app.listen(3000);
