// A `break` in a nested loop ends that loop, not the one that runs the query.
async function totals(db, ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    const rows = await db.query('SELECT total FROM orders WHERE customer_id = $1', [ids[i]]); // expect: n-plus-one-query
    for (const row of rows) {
      if (!rows.length) break;
      out.push(row.total);
    }
  }
  return out;
}

// Paging until an empty page: the loop's own `break` ends it.
async function allOrders(db) {
  const out = [];
  for (let page = 0; ; page++) {
    const rows = await db.query('SELECT * FROM orders ORDER BY id LIMIT 100 OFFSET $1', [page * 100]);
    if (!rows.length) break;
    out.push(...rows);
  }
  return out;
}

module.exports = { totals, allOrders };
