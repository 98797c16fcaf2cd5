const { Pool } = require('pg');

const pool = new Pool();

async function rowCount(query) {
  const client = await pool.connect(); // expect: pool-connection-leak
  const result = await client.query(query);
  return result.rows.length;
}

module.exports = { rowCount };
