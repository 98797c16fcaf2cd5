// The app is handed to the project's own setup functions, which hand it on to a WebSocket
// add-on and a route listing: neither registers error middleware, so the app has none.
const express = require('express');
const attachSockets = require('./sockets');
const printRoutes = require('./print-routes');

// expect: express-missing-error-handler
const app = express();
app.use(express.json());
app.get('/health', (req, res) => res.send('ok'));
app.post('/messages', async (req, res, next) => {
  try {
    res.status(201).json(await save(req.body));
  } catch (err) {
    next(err);
  }
});

attachSockets(app);
printRoutes(app);

app.listen(3000);

async function save(body) {
  return body;
}
