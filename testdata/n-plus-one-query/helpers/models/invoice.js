const db = require('../db');

class Invoice {
  static async markPaid(id) {
    await db.query('UPDATE invoices SET paid = true WHERE id = $1', [id]);
  }

  static describe(id) {
    return `invoice ${id}`;
  }
}

module.exports = Invoice;
