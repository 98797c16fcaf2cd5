// A switch or an else branch chosen by anything but a verification setting is reported.
function byRegion(region) {
  switch (region) {
    case 'eu':
      return { rejectUnauthorized: true };
    default:
      return { rejectUnauthorized: false }; // expect: tls-verify-disabled
  }
}

function byHost(host) {
  if (host.endsWith('.corp')) {
    return { ca: 'corp-ca' };
  } else {
    return { rejectUnauthorized: false }; // expect: tls-verify-disabled
  }
}

module.exports = { byRegion, byHost };
