const express = require('express');
const { errorHandler } = require('@acme/express-errors');

// The only "error handler" takes three parameters: Express calls it as ordinary
// middleware and never for errors, so the app has none. That is one mistake, reported
// once, by express-error-handler-arity (which names the fix).
const app = express();
app.get('/', (req, res) => res.send('ok'));
app.use((err, req, res) => { // expect: express-error-handler-arity
  res.status(500).json({ error: 'Internal Server Error' });
});

// The same with a named function declared in the file.
const admin = express();
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

// Three-parameter middleware that is no error handler: the app still has none.
const web = express(); // expect: express-missing-error-handler
web.use((req, res, next) => next());
web.get('/', (req, res) => res.send('web'));

module.exports = { app, admin, api, web };
