module.exports = { email: 'Email address', password: 'Password' };

const pageParams = Object.freeze({
  appName: 'appName',
  token: 'token',
  username: 'username',
  error: 'error',
});

const i18n = {
  'sign-in': 'Sign in',
  'api-key': 'API key',
  secret: 'Secret',
  'remember-me': 'Remember me',
};

module.exports.pageParams = pageParams;
module.exports.i18n = i18n;
