// An error answered only when it equals a message the app throws itself, and an answer
// inside a callback of a handler that first turned away everyone but administrators.
const express = require('express');
const datasets = require('./datasets');
const users = require('./users');

const router = express.Router();

router.post('/datasets', (req, res) => {
  return datasets
    .create(req.body)
    .then((dataset) => res.status(200).send(dataset))
    .catch((err) => {
      if (err && err.message && err.message === '401') {
        return res.status(401).send(err);
      }
      return res.status(400).send(err); // expect: error-details-leak
    });
});

router.get('/charts/:id', async (req, res) => {
  try {
    return res.send(await datasets.chart(req.params.id));
  } catch (error) {
    if (error.message !== '404') {
      return res.status(500).send(error); // expect: error-details-leak
    }
    return res.status(404).send({ error: 'Chart not found' });
  }
});

router.get('/users', (req, res) => {
  if (!req.user.admin) {
    return res.status(401).send({ error: 'Not authorized' });
  }
  return users
    .findAll()
    .then((list) => res.send(list))
    .catch((error) => res.status(400).send(error));
});

router.get('/users/:id', (req, res) => {
  return users
    .findById(req.params.id)
    .then((user) => res.send(user))
    .catch((error) => res.status(400).send(error)); // expect: error-details-leak
});

module.exports = router;
