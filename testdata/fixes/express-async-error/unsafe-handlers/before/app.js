const express = require('express');

const app = express();

app.get('/users/:id', async (req, res) => {
  const user = await User.findById(req.params.id);
  if (!user) {
    return res.status(404).json({ error: 'not found' });
  }

  res.json(user);
});

app.post('/orders', async function (req, res, done) {
    const order = await Order.create(req.body);
    res.status(201).json(order);
});

app.delete('/orders/:id', async (req, res) => { await Order.destroy(req.params.id); res.sendStatus(204); });

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

app.listen(3000);
