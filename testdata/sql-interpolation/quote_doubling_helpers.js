// A helper of the module that doubles single quotes: the standard escaping of SQL text.
const db = require('./db');

const quoteLiteral = (value) => `'${String(value).replace(/'/g, "''")}'`;

function quoteName(value) {
  return `'${String(value).replaceAll("'", "''")}'`;
}

async function markDeleted(ids) {
  await db.query(`UPDATE sync_state SET deleted = true WHERE ref IN (${ids.map(quoteLiteral).join(',')})`);
}

async function markOwner(id, owner) {
  await db.query(`UPDATE sync_state SET owner = ${quoteName(owner)} WHERE ref = ${quoteLiteral(id)}`);
}

// Quotes put around the value, nothing escaped inside: reported.
async function markStale(ids) {
  await db.query(`UPDATE sync_state SET stale = true WHERE ref IN (${ids.map((v) => `'${v}'`).join(',')})`); // expect: sql-interpolation
}

async function markFresh(id) {
  await db.query(`UPDATE sync_state SET stale = false WHERE ref = '${id}'`); // expect: sql-interpolation
}

module.exports = { markDeleted, markOwner, markStale, markFresh };
