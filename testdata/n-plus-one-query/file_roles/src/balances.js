// Served code: a query per id of the request is reported.
async function balancesOf(knex, ids) {
  const balances = {};
  for (let i = 0; i < ids.length; i++) {
    const row = await knex('ledger').where('account_id', ids[i]).first(); // expect: n-plus-one-query
    balances[i] = Number(row.total);
  }
  return balances;
}

module.exports = { balancesOf };
