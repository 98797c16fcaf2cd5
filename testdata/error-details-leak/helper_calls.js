const express = require('express');

const router = express.Router();

function sendFailure(res, detail) {
  res.status(500).json({ error: detail.message });
}

function sendNotFound(res, detail) {
  res.status(404).json({ error: detail.message });
}

const logFailure = (detail) => {
  console.error('request failed', detail);
};

function handleError(err, res) {
  res.status(500).json({ error: err.message }); // expect: error-details-leak
}

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
    sendNotFound(res, err);
  }
});

router.get('/carts/:id', async (req, res) => {
  try {
    res.json(await loadCart(req.params.id));
  } catch (err) {
    logFailure(err);
    res.status(500).json({ error: 'internal error' });
  }
});

router.get('/teams/:id', async (req, res) => {
  try {
    res.json(await loadTeam(req.params.id));
  } catch (err) {
    handleError(err, res);
  }
});

router.get('/users/:id', (req, res) => {
  findUser(req.params.id).catch((e) => {
    res.send(500).send(e);
  });
});

router.get('/groups/:id', (req, res) => {
  findGroup(req.params.id).catch((e) => {
    res.status(500).send(e); // expect: error-details-leak
  });
});

module.exports = router;
