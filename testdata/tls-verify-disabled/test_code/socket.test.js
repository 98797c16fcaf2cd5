// Test code talking to the local test server, which serves a self-signed certificate.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

describe('socket', () => {
  it('connects', async () => {
    await connect('https://localhost:4567');
  });
});
