const express = require('express');
const { errorHandler } = require('@acme/express-errors');

// The only "error handler" takes three parameters: Express calls it as ordinary
// middleware and never for errors, so the app has none.
const app = express(); // expect: express-missing-error-handler
app.get('/', (req, res) => res.send('ok'));
app.use((err, req, res) => { // expect: express-error-handler-arity
  res.status(500).json({ error: 'Internal Server Error' });
});

// The same with a named function declared in the file.
const admin = express(); // expect: express-missing-error-handler
admin.get('/', (req, res) => res.send('admin'));
admin.use(handleErrors);

// expect: express-error-handler-arity
function handleErrors(error, req, res) {
  res.status(500).send('Something broke!');
}

// A handler from a package: its parameters cannot be seen, its name says what it is.
const api = express();
api.get('/', (req, res) => res.json({}));
api.use(errorHandler);

module.exports = { app, admin, api };
