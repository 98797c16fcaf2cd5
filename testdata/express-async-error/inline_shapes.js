const express = require('express');

const router = express.Router();

router.get('/users/:id', async (req, res) => { // expect: express-async-error
  const user = await User.findById(req.params.id);
  res.json(user);
});

router.post('/users', async function (req, res) { // expect: express-async-error
  const user = await User.create(req.body);
  res.status(201).json(user);
});

// Arrays of handlers: only the async one without try/catch.
router.put('/users/:id', [
  authenticate,
  async (req, res, next) => { // expect: express-async-error
    await User.update(req.params.id, req.body);
    res.sendStatus(204);
  },
]);

// router.route chains.
router
  .route('/orders/:id')
  .get(async (req, res) => { // expect: express-async-error
    res.json(await Order.findById(req.params.id));
  })
  .delete(async (req, res, next) => {
    try {
      await Order.remove(req.params.id);
      res.sendStatus(204);
    } catch (err) {
      next(err);
    }
  });

// Middleware.
router.use(async (req, res, next) => { // expect: express-async-error
  req.user = await Session.load(req.headers.authorization);
  next();
});

// An async handler that throws rejects too.
router.get('/admin', async (req, res) => { // expect: express-async-error
  if (!req.user) {
    throw new Error('unauthorized');
  }
  res.send('ok');
});

function authenticate(req, res, next) {
  next();
}

module.exports = router;
