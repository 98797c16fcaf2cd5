// `.slice(…)` of an array gives its items: a query per item of a slice is a query per row.
const db = require('./db');

async function markRestPaid(req, res) {
  const { rows } = await db.query('SELECT id FROM invoices WHERE customer = $1', [req.params.id]);
  for (const invoice of rows.slice(1)) {
    await db.query('UPDATE invoices SET paid = true WHERE id = $1', [invoice.id]); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

async function sendInSlices(req, res) {
  const { rows } = await db.query('SELECT id FROM invoices');
  const slices = [];
  for (let i = 0; i < rows.length; i += 100) slices.push(rows.slice(i, i + 100).map((r) => r.id));
  // One query per slice of a hundred ids is batching, not N+1.
  for (const slice of slices) {
    await db.query('UPDATE invoices SET sent = true WHERE id = ANY($1)', [slice]);
  }
  res.sendStatus(204);
}

module.exports = { markRestPaid, sendInSlices };
