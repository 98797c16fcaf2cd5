// Credentials that look a little like names are still reported.
export const apiToken = 'q8Zr2kLp0x7Vb3Nw'; // expect: hardcoded-secret
export const sessionSecret = 'cookie-signing-secret'; // expect: hardcoded-secret
export const db = {
  host: 'localhost',
  user: 'root',
  password: 'admin:password', // expect: hardcoded-secret
};
export const gatewayKey = { apiKey: 'Xk2-gateway-prod' }; // expect: hardcoded-secret
export const mapsApiKey = 'mapsbrowserkey'; // expect: hardcoded-secret
