// Keys that are routes, sentinels and captions, not settings.
const hookEvents = {
  'PATCH /users/:userId/password': 'User.Data.Updated',
};
let api_key = 'no_api_key';
const fields = { fake_wallet_secret: 'Secret', denomination: 'sats' };
module.exports = { hookEvents, api_key, fields };
