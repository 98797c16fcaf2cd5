const fastify = require('fastify')();

fastify.setErrorHandler((err, req, res) => {
  req.log.error({ err }, 'request failed');
  res.send(err); // expect: error-details-leak
});

module.exports = fastify;
