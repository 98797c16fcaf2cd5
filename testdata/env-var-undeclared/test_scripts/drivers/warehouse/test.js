const assert = require('assert');
const { connectOptions } = require('./index.js');

// Run against a real warehouse when the developer sets these.
const connection = {
  project: process.env.WAREHOUSE_TEST_PROJECT,
  dataset: process.env.WAREHOUSE_TEST_DATASET,
};

describe('warehouse driver', function () {
  it('builds options', function () {
    assert.equal(connectOptions(connection).project, connection.project);
  });
});
