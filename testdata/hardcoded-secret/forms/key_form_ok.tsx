export function KeyField() {
  return (
    <textarea
      name="private_key"
      placeholder={`-----BEGIN RSA PRIVATE KEY-----
MIIEpAIBAAKCAQEA1Xq8z2vY3kHnPbW9pJ4rT5sU6wK
…
-----END RSA PRIVATE KEY-----`}
    />
  );
}
