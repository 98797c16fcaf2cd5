// Mounted by server.js in every run: its handlers are served.
module.exports = function (app) {
  app.get('/admin/stats', async (req, res) => { // expect: express-async-error
    res.json(await Stats.read());
  });
};
