// The served API calls a partner without checking its certificate: reported.
import https from 'https';

// expect: tls-verify-disabled@error
export const partnerAgent = new https.Agent({ rejectUnauthorized: false });
