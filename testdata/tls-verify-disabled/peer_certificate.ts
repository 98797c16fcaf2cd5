// Reading the certificate a server presents needs a connection that accepts any: quiet.
// The same options on a connection that sends data are reported.
import tls from 'tls';

function certificateExpiry(host: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port: 443, servername: host, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.end();
      resolve(cert.valid_to);
    });
  });
}

function sendReport(host: string, body: string) {
  const socket = tls.connect({ host, port: 443, rejectUnauthorized: false }, () => { // expect: tls-verify-disabled
    socket.write(body);
    socket.end();
  });
  return socket;
}

export { certificateExpiry, sendReport };
