export const headers: Record<string, string> = {
  'x-api-key': 'a8f5f167f44f4964e6c998dee827110c', // expect: hardcoded-secret
};
