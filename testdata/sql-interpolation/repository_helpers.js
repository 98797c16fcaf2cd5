// Data-access helpers (node-postgres). None of them sees the request: callers pass values in,
// so interpolation here is reported as a warning.
const { pool } = require('./pool');

async function findUserByEmail(email) {
  const { rows } = await pool.query(`SELECT id, email, role FROM users WHERE email = '${email}'`); // expect: sql-interpolation@warning
  return rows[0];
}

async function archiveOrders(customerId, before) {
  const sql =
    'UPDATE orders SET archived = true WHERE customer_id = ' + customerId + " AND created_at < '" + before + "'";
  await pool.query(sql); // expect: sql-interpolation@warning
}

// The schema name comes from a database row: an identifier the program read itself.
async function copyTenantSettings(sourceTenantId, targetTenantId) {
  const { rows } = await pool.query('SELECT schema_name FROM tenants WHERE id = $1', [sourceTenantId]);
  const schema = rows[0].schema_name;
  await pool.query(
    `INSERT INTO ${schema}.settings (tenant_id, key, value)
     SELECT $1, key, value FROM ${schema}.settings WHERE tenant_id = $2`,
    [targetTenantId, sourceTenantId],
  );
}

class OrderRepository {
  constructor(db) {
    this.db = db;
  }

  async countByStatus(status) {
    const sql = `SELECT count(*) AS n FROM orders WHERE status = '${status}'`;
    const { rows } = await this.db.query(sql); // expect: sql-interpolation@warning
    return Number(rows[0].n);
  }

  async markShipped(ids) {
    const list = ids.join(',');
    await this.db.query(`UPDATE orders SET status = 'shipped' WHERE id IN (${list})`); // expect: sql-interpolation@warning
  }

  // Placeholders generated per id, values passed as an array: nothing to report.
  async byIds(ids) {
    const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
    const { rows } = await this.db.query(`SELECT * FROM orders WHERE id IN (${placeholders})`, ids);
    return rows;
  }

  async byCustomer(customerId, limit = 20) {
    const { rows } = await this.db.query(
      'SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2',
      [customerId, limit],
    );
    return rows;
  }

  async byStatuses(statuses) {
    const { rows } = await this.db.query('SELECT * FROM orders WHERE status = ANY($1::text[])', [statuses]);
    return rows;
  }
}

module.exports = { findUserByEmail, archiveOrders, copyTenantSettings, OrderRepository };
