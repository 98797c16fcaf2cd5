const orders = require('../models/order');
const { findOrder, formatOrder } = require('../models/order');
const Invoice = require('../models/invoice');

async function orderLines(req, res) {
  const lines = req.body.lines;
  for (const line of lines) {
    line.order = await findOrder(line.orderId); // expect: n-plus-one-query
    line.label = formatOrder(line);
  }
  for (const line of lines) {
    line.again = await orders.findOrder(line.orderId); // expect: n-plus-one-query
  }
  const all = await orders.findOrders(lines.map((l) => l.orderId));
  res.json({ lines, all });
}

async function paidInvoices(req, res) {
  for (const row of req.body.invoices) {
    await Invoice.markPaid(row.id); // expect: n-plus-one-query
    row.text = Invoice.describe(row.id);
  }
  res.sendStatus(204);
}

module.exports = { orderLines, paidInvoices };

// Run from a script, never from a route: not reported.
async function backfillOrders(ids) {
  for (const id of ids) {
    await findOrder(id);
  }
}

module.exports.backfillOrders = backfillOrders;
