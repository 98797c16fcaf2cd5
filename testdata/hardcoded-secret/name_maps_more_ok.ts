// Keys that are routes, sentinels and captions, not settings.
export const HookEvents = {
  'POST /users': 'User.Created',
  'PATCH /users/:userId/password': 'User.Data.Updated',
};

export function apiKeyOf(header: string | null): string {
  let api_key = header;
  if (!api_key) {
    api_key = 'no_api_key';
  }
  return api_key;
}

export const fields = { fake_wallet_secret: 'Secret', denomination: 'sats' };
