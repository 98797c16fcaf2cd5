import https from 'https';

// expect: tls-verify-disabled@error
export const agent = new https.Agent({ rejectUnauthorized: false });
