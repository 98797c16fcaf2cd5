// The app's own settings.
module.exports = {
  databaseUrl: 'postgres://docs:docs-pass@db/docs', // expect: hardcoded-secret
  dbPassword: 'docs-pass', // expect: hardcoded-secret
};
