import https from 'https';

const config: Config = { port: 3000, ;

export const agent = new https.Agent({
  rejectUnauthorized: false, // expect: tls-verify-disabled
});
