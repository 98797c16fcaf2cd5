// A call whose result an async function reads at once as a value, without `await`, returned
// the object itself (a read of a table cache held in memory); awaited, it is a query per item.
const Table = require('./models/table');

async function rowsOf(fields) {
  const out = [];
  for (const field of fields) {
    const table = Table.findOne({ id: field.tableId });
    out.push(await table.getRows({}));
  }
  return out;
}

async function tablesOf(fields) {
  const out = [];
  for (const field of fields) {
    const table = await Table.findOne({ id: field.tableId }); // expect: n-plus-one-query
    out.push(table.name);
  }
  return out;
}

module.exports = { rowsOf, tablesOf };
