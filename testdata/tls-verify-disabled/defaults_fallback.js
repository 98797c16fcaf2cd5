const _ = require('lodash');

// The fallback of a per-network option its caller supplies: quiet.
function Network(attr) {
  _.defaults(this, attr, { host: '', tls: false, rejectUnauthorized: false });
}

// Options built for every connection: reported.
function connectOptions(host) {
  return _.defaults({ rejectUnauthorized: false }, { host }); // expect: tls-verify-disabled
}

module.exports = { Network, connectOptions };
