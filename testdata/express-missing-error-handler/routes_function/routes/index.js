const users = require('./users');

module.exports = (app) => {
  app.use('/users', users);
  app.use((err, req, res, next) => {
    res.status(500).json({ error: 'Internal Server Error' });
  });
};
