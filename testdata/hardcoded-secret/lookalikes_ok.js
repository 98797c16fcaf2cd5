// Names that start like secrets, placeholders, references and messages.
const fields = {
  usernameField: 'email',
  passwordField: 'password',
  tokenExpiry: '7d',
  passwordMinLength: '12',
};

const config = {
  password: process.env.DB_PASSWORD,
  secret: process.env.SESSION_SECRET || '',
  apiKey: '',
  token: '<your token>',
  clientSecret: 'your-client-secret',
  jwtSecret: 'changeme',
  privateKey: '${PRIVATE_KEY}',
  accessToken: 'xxxxxxxx',
};

const messages = {
  password: 'Password must be at least 12 characters',
  token: 'Token expired',
};

const TOKEN_HEADER = 'Authorization';
const SECRET_ENV_NAME = 'JWT_SECRET';
const awsExample = 'AKIAIOSFODNN7EXAMPLE';
const nextPageToken = 'CAEQAA';

if (pem.startsWith('-----BEGIN PRIVATE KEY-----')) {
  parse(pem);
}

module.exports = { fields, config, messages, TOKEN_HEADER, SECRET_ENV_NAME, awsExample, nextPageToken };
