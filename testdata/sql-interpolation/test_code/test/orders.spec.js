// Test code (a file under test/ written with a test framework) is not checked by the rules
// about served code. With `test-files: []` in backlint.yaml the loop below is reported twice.
const request = require('supertest');
const { pool } = require('../src/db');
const app = require('../src/app');
const fixtures = require('./fixtures/orders.json');

describe('GET /orders', () => {
  beforeEach(async () => {
    for (const order of fixtures) {
      await pool.query(`INSERT INTO orders (status) VALUES ('${order.status}')`);
    }
  });

  afterEach(async () => {
    // backlint-ignore-next-line sql-interpolation -- fixed fixture values
    await pool.query(`DELETE FROM orders WHERE status = '${fixtures[0].status}'`);
  });

  it('filters by status', async () => {
    const res = await request(app).get(`/orders?status=${fixtures[0].status}`);
    expect(res.status).toBe(200);
  });
});
