const prod = process.env.ENVIRONMENT === 'production';

let MONGODB_URI = process.env.MONGODB_URI;
if (!MONGODB_URI) {
  // A missing URI stops production above; the literal is the local default.
  if (prod) {
    throw new Error('Missing MONGODB_URI');
  }
  MONGODB_URI = 'mongodb://root:password@localhost:27017/test?authSource=admin';
}

let CACHE_URL = process.env.CACHE_URL;
if (!CACHE_URL) {
  if (prod) {
    console.warn('Missing CACHE_URL');
  }
  CACHE_URL = 'redis://cache:Rd7pLq2wX@localhost:6379/0'; // expect: hardcoded-secret
}

// Reviewed with another scanner's marker.
const seedPassword = 'Xk29vLq8pW'; // gitleaks:allow
const adminPassword = 'Xk29vLq8pW2'; // expect: hardcoded-secret

// A synthetic anonymous user: `unknown` stands for no value.
const anonymous = new ApiUser({ tokenName: 'unknown', secret: 'unknown' });
const service = new ApiUser({ tokenName: 'service', secret: 'k9Unknown2x' }); // expect: hardcoded-secret

// Names, not credentials: the field a key is read from, a stand-in to replace, a lookup key.
const _API_KEY = 'braintrust_api_key';
const API_KEY = 'onyx-api-key';
const STATE_CLIENT_KEY = 'client';
const PARTNER_API_KEY = 'onyx-api-key-7f3k9Qz'; // expect: hardcoded-secret
const CLIENT_KEY = 'client2Qx9'; // expect: hardcoded-secret

export { MONGODB_URI, CACHE_URL, seedPassword, adminPassword, anonymous, service };
