// The option given by shorthand from a constant.
const https = require('https');
const axios = require('axios');

const rejectUnauthorized = false;
const insecureAgent = new https.Agent({ rejectUnauthorized }); // expect: tls-verify-disabled@error

function agentFor(env) {
  const strictSSL = env.STRICT === 'no' ? false : true;
  return new https.Agent({ strictSSL });
}

function clientWith(rejectUnauthorized) {
  // A parameter: decided by the caller.
  return axios.create({ httpsAgent: new https.Agent({ rejectUnauthorized }) });
}

const verifyPeer = true;
const safeAgent = new https.Agent({ rejectUnauthorized: verifyPeer });

module.exports = { insecureAgent, agentFor, clientWith, safeAgent };
