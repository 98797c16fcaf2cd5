const grants = require('../grants');

async function exchange(req, res) {
  const kind = req.body.grant_type;
  if (kind === 'authorization_code') {
    return res.json(await grants.fromCode(req.body.code, req.body.code_verifier));
  }
  if (kind === 'refresh_token') {
    return res.json(await grants.fromRefresh(req.body.refresh_token));
  }
  return res.status(400).json({ error: 'unsupported_grant_type' });
}

module.exports = { exchange };
