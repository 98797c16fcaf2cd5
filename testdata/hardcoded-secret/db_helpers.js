function createTestDbConfig() {
  return { host: 'db', user: 'app_test', password: 'Tst-pass-42' };
}

const makeTestClient = () => ({ url: 'postgres://app_test:Tst-client-7@db/app_test' });

function createDbConfig() {
  return { host: 'db', user: 'app', password: 'Prd-pass-42' }; // expect: hardcoded-secret
}

const makeClient = () => ({ url: 'postgres://app:Prd-client-7@db/app' }); // expect: hardcoded-secret

module.exports = { createTestDbConfig, makeTestClient, createDbConfig, makeClient };
