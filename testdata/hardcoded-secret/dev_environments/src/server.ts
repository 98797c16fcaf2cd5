export function start(options: object) {
  return options;
}

export const productionDb = { host: 'db', user: 'app', password: 'Xk29vLq8prod' }; // expect: hardcoded-secret
