// A remote https: URL takes the verified branch; the insecure agent only serves plain http:
// URLs (where it is unused) and the local host's self-signed certificate.
const fs = require('fs');
const https = require('https');
const axios = require('axios');

function download(url, target) {
  return new Promise((resolve) => {
    const out = fs.createWriteStream(target);
    const parsed = new URL(url);
    const remoteHttps = parsed.protocol === 'https:' && parsed.hostname !== 'localhost';
    if (remoteHttps) {
      https.get(url, (response) => response.pipe(out).on('finish', resolve));
    } else {
      const httpsAgent = new https.Agent({ rejectUnauthorized: false });
      axios.get(url, { responseType: 'stream', httpsAgent }).then((response) => {
        response.data.pipe(out).on('finish', resolve);
      });
    }
  });
}

// A TLS server's rejectUnauthorized is about client certificates it does not request.
function createServer(app, tlsFiles) {
  const options = {
    key: fs.readFileSync(tlsFiles.key, 'utf8'),
    cert: fs.readFileSync(tlsFiles.cert, 'utf8'),
    requestCert: false,
    rejectUnauthorized: false,
  };
  return https.createServer(options, app);
}

module.exports = { download, createServer };
