// Reading the certificate a server presents needs a connection that accepts any: quiet.
// The same options on a connection that sends data are reported.
const tls = require('tls');

function certificateExpiry(host) {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port: 443, servername: host, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.end();
      resolve(cert.valid_to);
    });
  });
}

function sendReport(host, body) {
  const socket = tls.connect({ host, port: 443, rejectUnauthorized: false }, () => { // expect: tls-verify-disabled
    socket.write(body);
    socket.end();
  });
  return socket;
}

module.exports = { certificateExpiry, sendReport };
