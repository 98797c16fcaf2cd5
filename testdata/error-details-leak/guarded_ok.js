const express = require('express');
const app = express();

app.get('/users/:id', async (req, res, next) => {
  try {
    res.json(await db.users.findById(req.params.id));
  } catch (err) {
    console.error(err.stack);
    res.status(500).json({ error: 'Internal Server Error' });
  }
});

app.post('/users', async (req, res, next) => {
  try {
    await schema.validateAsync(req.body);
    res.status(201).json(await db.users.create(req.body));
  } catch (err) {
    if (err instanceof ValidationError) {
      return res.status(400).json({ error: err.message });
    }
    next(err);
  }
});

app.put('/users/:id', async (req, res, next) => {
  try {
    res.json(await db.users.update(req.params.id, req.body));
  } catch (err) {
    res.status(400).json({ error: err.message });
  }
});

// A validation result named `error`, not a caught error.
app.post('/login', (req, res) => {
  const { error } = loginSchema.validate(req.body);
  if (error) {
    return res.status(400).json({ error: error.message });
  }
  res.send('ok');
});

// The seed's handler: details only outside production.
app.use((err, req, res, next) => {
  console.error(err.stack);
  res.status(err.status || 500).json({
    error: process.env.NODE_ENV === 'production' ? 'Internal Server Error' : err.message,
    ...(process.env.NODE_ENV !== 'production' && { stack: err.stack }),
  });
});

app.use((err, req, res, next) => {
  if (process.env.NODE_ENV === 'production') {
    return res.status(500).json({ error: 'Internal Server Error' });
  }
  res.status(500).json({ error: err.message, stack: err.stack });
});

app.use((err, req, res, next) => {
  if (isDevelopment) {
    res.status(500).send(err);
  } else {
    res.status(500).render('error', { error: err });
  }
});

module.exports = app;

// The status set by an earlier statement: a client error.
function rateLimited(req, res) {
  try {
    limiter.consume(req.ip);
  } catch (error) {
    res.status(429);
    res.json({ error: error.message });
  }
}

module.exports.rateLimited = rateLimited;
