import _ from 'lodash';

// The fallback of a per-network option its caller supplies (a user's choice in a form): quiet.
export class Network {
  constructor(attr?: Partial<Network>) {
    _.defaults(this, attr, {
      host: '',
      port: 6667,
      tls: false,
      rejectUnauthorized: false,
    });
  }
}

// The same object as the target, or options built for every connection: reported.
export function connectOptions(host: string) {
  return _.defaults({ rejectUnauthorized: false }, { host }); // expect: tls-verify-disabled
}

export const agentOptions = Object.assign({}, { rejectUnauthorized: false }); // expect: tls-verify-disabled
