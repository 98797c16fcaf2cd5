const mssql = require('mssql');

async function rowCount(connectionString, query) {
  let pool;
  try {
    pool = new mssql.ConnectionPool(connectionString);
    await pool.connect();
    const result = await pool.request().query(query);
    return result.recordset.length;
  } finally {
    if (pool) {
      await pool.close();
    }
  }
}

module.exports = { rowCount };
