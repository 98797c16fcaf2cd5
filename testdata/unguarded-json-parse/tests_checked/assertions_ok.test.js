const request = require('supertest');
const app = require('../app');

test('lists orders', async () => {
  const res = await request(app).get('/api/orders');
  expect(JSON.parse(res.text)).toEqual({ results: [] });
});
