// Identifiers taken from a module-level array of literals are constants.
const TABLE = 'revisions';
const CONSTRAINTS = ['revisions_document_fkey', 'document_id_foreign_idx'];

async function dropConstraints(db) {
  for (const constraint of CONSTRAINTS) {
    await db.query(`ALTER TABLE "${TABLE}" DROP CONSTRAINT IF EXISTS "${constraint}"`);
  }
}

// Names passed in by the caller, in a statement that takes no parameters (`TRUNCATE`): only
// request input is reported there.
async function truncateAll(db, tables) {
  for (const table of tables) {
    await db.query(`TRUNCATE TABLE "${table}"`);
  }
}

module.exports = { dropConstraints, truncateAll };

// A where clause built by a helper from fixed fragments and numbered placeholders.
function buildRangeQuery(key, min, max) {
  const q = { where: 'o."_key" = $1', values: [key] };
  if (min !== '-') {
    q.values.push(min);
    q.where += ` AND z."value" >= $${q.values.length}`;
  }
  if (max !== '+') {
    q.values.push(max);
    q.where += ` AND z."value" <= $${q.values.length}`;
  }
  return q;
}

async function countRange(db, key, min, max) {
  const q = buildRangeQuery(key, min, max);
  return db.query({ text: `SELECT count(*) FROM objects o WHERE ${q.where}`, values: q.values });
}

// The same helper shape with a value pasted in is still reported.
function buildNameQuery(name) {
  const q = { where: `name = '${name}'`, values: [] };
  return q;
}

async function byName(db, name) {
  const q = buildNameQuery(name);
  return db.query({ text: `SELECT * FROM users WHERE ${q.where}`, values: q.values });
}

module.exports.countRange = countRange;
module.exports.byName = byName;
