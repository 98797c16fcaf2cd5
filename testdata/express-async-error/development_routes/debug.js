// Mounted by server.js only when NODE_ENV is development.
module.exports = function (app) {
  app.get('/_debug/cache', async (req, res) => {
    res.json(await Cache.dump());
  });
};
