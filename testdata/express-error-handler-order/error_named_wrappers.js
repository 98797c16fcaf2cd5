const express = require('express');
const errorhandler = require('errorhandler');
const { listOrders, saveOrder } = require('./orders');

const app = express();
const router = express.Router();

// A wrapper named after errors that forwards a handler's rejection to next: what it
// returns is a route handler or middleware, not error middleware.
const catchErrors = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

router.use(
  catchErrors(async (req, res, next) => {
    req.account = await loadAccount(req.get('x-account'));
    next();
  }),
);
router.get('/orders', catchErrors(async (req, res) => res.json(await listOrders())));
router.post('/orders', catchErrors(saveOrder));

// A factory of error middleware, found by its name, still counts.
app.use(errorhandler()); // expect: express-error-handler-order
app.use('/shop', router);
app.get('/health', (req, res) => res.send('ok'));

async function loadAccount(id) {
  return { id };
}

module.exports = app;
