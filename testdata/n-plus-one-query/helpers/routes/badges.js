const { badgesFor } = require('../services/badges');

// The route only calls into a service module: the loop there is served code.
module.exports = function badgeRoutes(router) {
  router.get('/badges', (req, res, next) => {
    badgesFor(req.body.ids).then((badges) => res.json(badges), next);
  });
};
