// Look-alikes that are still credentials.
let api_key = 'the_api_key_x9'; // expect: hardcoded-secret
const fields = { fake_wallet_secret: 'Wallet', denomination: 'sats' }; // expect: hardcoded-secret
module.exports = { api_key, fields };
