const jwt = require('jsonwebtoken');
test('signs', () => {
  expect(jwt.sign({ sub: 1 }, 'test-signing-secret')).toBeTruthy();
});
