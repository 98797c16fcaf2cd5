// Mounted by server.js in every run, on a router of its own: its handlers are served.
const express = require('express');

module.exports = function (app) {
  const router = express.Router();

  router.get('/reports/:id', async (req, res) => { // expect: express-async-error
    res.json(await Report.find(req.params.id));
  });

  app.use('/api', router);
};
