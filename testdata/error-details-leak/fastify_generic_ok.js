const fastify = require('fastify')();

fastify.setErrorHandler((err, req, res) => {
  req.log.error({ err }, 'request failed');
  err.message = 'Something went wrong';
  res.send(err);
});

module.exports = fastify;
