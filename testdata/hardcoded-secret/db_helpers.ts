export function createTestDbConfig(): { host: string; user: string; password: string } {
  return { host: 'db', user: 'app_test', password: 'Tst-pass-42' };
}

export const makeTestClient = (): { url: string } => ({
  url: 'postgres://app_test:Tst-client-7@db/app_test',
});

export function createDbConfig(): { host: string; user: string; password: string } {
  return { host: 'db', user: 'app', password: 'Prd-pass-42' }; // expect: hardcoded-secret
}

export const makeClient = (): { url: string } => ({
  url: 'postgres://app:Prd-client-7@db/app', // expect: hardcoded-secret
});
