// The same loop in code no request runs (a migration, a script, the browser, seed data):
// not checked by the rules about served code.
async function balancesOf(knex, ids) {
  const balances = {};
  for (let i = 0; i < ids.length; i++) {
    const row = await knex('ledger').where('account_id', ids[i]).first();
    balances[i] = Number(row.total);
  }
  return balances;
}

module.exports = { balancesOf };
