const jwt = require('jsonwebtoken');
const { sign } = require('../src/auth');

describe('sign', () => {
  it('signs with the configured secret', () => {
    const token = sign({ id: 7 });
    expect(jwt.verify(token, process.env.JWT_SECRET).sub).toBe(7);
  });
});
