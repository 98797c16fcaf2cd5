// Look-alikes that are still credentials.
export const HookSecrets = {
  users_password: 'Us3r-Data-Updated', // expect: hardcoded-secret
};

export function apiKeyOf(header: string | null): string {
  let api_key = header;
  if (!api_key) {
    api_key = 'local_api_key_7'; // expect: hardcoded-secret
  }
  return api_key;
}

export const fields = { fake_wallet_secret: 'Wallet', denomination: 'sats' }; // expect: hardcoded-secret
