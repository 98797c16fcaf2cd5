// Verification is relaxed only when a development switch in the environment is set;
// a condition on some other upper-case setting is no such switch.
const https = require('https');

const stagingAgent =
  process.env.DEV_MODE || process.env.DEVSERVER_LOCAL
    ? new https.Agent({ rejectUnauthorized: false })
    : undefined;

function localAgent() {
  if (process.env.APP_DEV === '1') {
    return new https.Agent({ rejectUnauthorized: false });
  }
  return undefined;
}

const deviceAgent = process.env.DEVICE_ID
  ? new https.Agent({ rejectUnauthorized: false }) // expect: tls-verify-disabled@error
  : undefined;

const regionAgent = process.env.REGION_DEVELOPER_ID
  ? new https.Agent({ rejectUnauthorized: false }) // expect: tls-verify-disabled@error
  : undefined;

module.exports = { stagingAgent, localAgent, deviceAgent, regionAgent };
