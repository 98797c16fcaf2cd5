// Branches that do not separate remote https: URLs still disable verification for them.
const https = require('https');
const axios = require('axios');

function fetchReport(url, preferStream) {
  if (preferStream) {
    return axios.get(url, { responseType: 'stream' });
  } else {
    const httpsAgent = new https.Agent({ rejectUnauthorized: false }); // expect: tls-verify-disabled@error
    return axios.get(url, { httpsAgent });
  }
}

function fetchPlain(url) {
  const secure = new URL(url).protocol === 'https:';
  if (secure) {
    return axios.get(url, { httpsAgent: new https.Agent({ rejectUnauthorized: false }) }); // expect: tls-verify-disabled@error
  }
  return axios.get(url);
}

// A client presenting its own certificate still checks the server's: reported.
function mutualTlsClient(tlsFiles) {
  return new https.Agent({
    key: tlsFiles.key,
    cert: tlsFiles.cert,
    rejectUnauthorized: false, // expect: tls-verify-disabled@error
  });
}

module.exports = { fetchReport, fetchPlain, mutualTlsClient };
