const grants = require('../grants');

async function exchange(req, res, next) {
  try {
    const kind = req.body.grant_type;
    if (kind === 'password') {
      return res.json(await grants.fromPassword(req.body.username, req.body.password));
    }
    if (kind === 'refresh_token') {
      return res.json(await grants.fromRefresh(req.body.refresh_token));
    }
    return res.status(400).json({ error: 'unsupported_grant_type' });
  } catch (err) {
    return next(err);
  }
}

module.exports = { exchange };
