const express = require('express');
const { sendFailure, sendNotFound, sendGeneric, logFailure, Reply } = require('../lib/respond');
const respond = require('../lib/respond');

const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  try {
    res.json(await loadOrder(req.params.id));
  } catch (err) {
    sendFailure(res, err); // expect: error-details-leak
  }
});

router.get('/invoices/:id', async (req, res) => {
  try {
    res.json(await loadInvoice(req.params.id));
  } catch (err) {
    respond.sendFailure(res, err); // expect: error-details-leak
  }
});

router.get('/teams/:id', async (req, res) => {
  try {
    res.json(await loadTeam(req.params.id));
  } catch (err) {
    Reply.failure(res, err); // expect: error-details-leak
  }
});

router.get('/carts/:id', async (req, res) => {
  try {
    res.json(await loadCart(req.params.id));
  } catch (err) {
    sendNotFound(res, err);
  }
});

router.get('/users/:id', async (req, res) => {
  try {
    res.json(await loadUser(req.params.id));
  } catch (err) {
    sendGeneric(res, err);
  }
});

router.get('/groups/:id', async (req, res) => {
  try {
    res.json(await loadGroup(req.params.id));
  } catch (err) {
    logFailure(err);
    res.status(500).json({ error: 'internal error' });
  }
});

router.get('/admins/:id', async (req, res) => {
  try {
    res.json(await loadAdmin(req.params.id));
  } catch (err) {
    if (process.env.NODE_ENV !== 'production') {
      sendFailure(res, err);
    } else {
      sendGeneric(res, err);
    }
  }
});

module.exports = router;
