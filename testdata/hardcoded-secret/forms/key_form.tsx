// A key shipped as a default value of the form is still reported.
export const DEFAULT_KEY = `
// expect: hardcoded-secret
-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA1Xq8z2vY3kHnPbW9pJ4rT5sU6wK
-----END RSA PRIVATE KEY-----`;

export function KeyField() {
  return <textarea name="private_key" defaultValue={DEFAULT_KEY} />;
}
