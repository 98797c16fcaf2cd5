// expect: express-error-handler-arity
module.exports = function errorHandler(err, req, res) {
  res.status(500).json({ error: 'Internal Server Error' });
};
