const https = require('https');

// A used suppression: nothing reported.
const sandboxAgent = new https.Agent({ rejectUnauthorized: false }); // backlint-ignore tls-verify-disabled -- payment sandbox uses a self-signed cert

// backlint-ignore-next-line tls-verify-disabled -- local mock server
const mockAgent = new https.Agent({ rejectUnauthorized: false });

// expect: unused-suppression
const keepAlive = new https.Agent({ keepAlive: true }); // backlint-ignore tls-verify-disabled

// The first id is used, the second is not.
// expect: unused-suppression
// backlint-ignore-next-line tls-verify-disabled, sql-interpolation -- reviewed
const legacyAgent = new https.Agent({ rejectUnauthorized: false });

module.exports = { sandboxAgent, mockAgent, keepAlive, legacyAgent };
