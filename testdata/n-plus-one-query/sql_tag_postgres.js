const postgres = require('postgres');

const sql = postgres({ host: 'db', database: 'app' });

// postgres.js runs the query its `sql` tag writes: one query per id.
async function usersByIds(ids) {
  const out = [];
  for (const id of ids) {
    out.push(await sql`select * from users where id = ${id}`); // expect: n-plus-one-query
  }
  return out;
}

module.exports = { usersByIds };
