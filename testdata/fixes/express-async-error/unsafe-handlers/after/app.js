const express = require('express');

const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    const user = await User.findById(req.params.id);
    if (!user) {
      return res.status(404).json({ error: 'not found' });
    }

    res.json(user);
  } catch (err) {
    next(err);
  }
});

app.post('/orders', async function (req, res, done) {
    try {
        const order = await Order.create(req.body);
        res.status(201).json(order);
    } catch (err) {
        done(err);
    }
});

app.delete('/orders/:id', async (req, res, next) => { try { await Order.destroy(req.params.id); res.sendStatus(204); } catch (err) { next(err); } });

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

app.listen(3000);
