// Mounted by server.js only when NODE_ENV is development, on a router of its own.
const express = require('express');

module.exports = function (app, middleware) {
  const router = express.Router();

  router.get('/spec/:type', async (req, res) => {
    res.send(await Spec.render(req.params.type));
  });

  app.use('/debug', middleware, router);
};
