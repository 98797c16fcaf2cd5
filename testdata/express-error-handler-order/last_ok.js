const express = require('express');
const app = express();

app.use(express.json());
app.get('/users', (req, res) => res.json([]));
app.use((req, res) => res.status(404).json({ error: 'Not Found' }));

// Several error middlewares in a row, then only listen/set calls.
app.use(logErrors);
app.use((err, req, res, next) => {
  res.status(500).json({ error: 'Internal Server Error' });
});
app.set('port', 3000);
app.listen(app.get('port'));

function logErrors(err, req, res, next) {
  console.error(err.stack);
  next(err);
}

// Registrations in different functions: their call order is not visible.
function setupErrors(server) {
  server.use((err, req, res, next) => {
    res.status(500).send('error');
  });
}

function setupRoutes(server) {
  server.get('/', (req, res) => res.send('ok'));
}

module.exports = { setupErrors, setupRoutes };
