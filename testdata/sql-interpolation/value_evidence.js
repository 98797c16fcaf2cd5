// What the rule asks of an interpolated value before it reports it: it stands where SQL takes
// a value (or inside a quoted string), and it comes from outside the program (the request, a
// parameter of the function, configuration). Names, DDL and values the program computes
// itself are not reported.
const { Roles } = require('./constants');
const { pool } = require('./pool');

// Quiet: constants of another module, quoted.
function sortByRole(query) {
  return query.orderByRaw(`CASE WHEN role = '${Roles.Owner}' THEN 1 WHEN role = '${Roles.Member}' THEN 2 END`);
}

// Quiet: a module-private helper whose every call passes a name the program builds itself.
const pubSubName = (name) => (process.env.NODE_ENV === 'test' ? `test_${name}` : name);

const dropPublication = async ({ db, pubName }) => {
  const { rows } = await db.raw(`SELECT pubname FROM pg_publication WHERE pubname = '${pubName}'`);
  return rows.length;
};

async function resetReplication(db) {
  await dropPublication({ db, pubName: pubSubName('userspub') });
  await dropPublication({ db, pubName: pubSubName('projectpub') });
}

// Quiet: a parameter with a literal default is a setting its callers leave out.
async function stalePrepared(db, args) {
  const { interval = '2 minutes' } = args;
  return db.raw(`SELECT * FROM pg_prepared_xacts WHERE prepared < NOW() - INTERVAL '${interval}'`);
}

// Quiet: a sequence named as text is a relation, not a value.
async function nextNumber(db, sequence) {
  return db.query(`SELECT nextval('${sequence}')`);
}

// Quiet: values read back from the database's own catalog.
async function dropSlot(db) {
  const {
    rows: [sub],
  } = await db.query('SELECT subconninfo FROM subscriptions LIMIT 1');
  return db.query(`SELECT drop_slot('${sub.subconninfo}')`);
}

// Quiet: DDL on a name from a parameter.
async function createSchema(db, schema) {
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
}

// Reported: a parameter compared as a value.
async function countByStatus(db, status) {
  return db.query(`SELECT count(*) FROM orders WHERE status = ${status}`); // expect: sql-interpolation@warning
}

// Reported: a destructured parameter of a function returned by a factory, quoted.
const eligibleWorkspacesFactory =
  ({ db }) =>
  async ({ userId }) =>
    db('workspaces').joinRaw(`left join acl on acl.user_id = '${userId}'`); // expect: sql-interpolation@warning

// Reported: a configured value pasted into a quoted string.
class SearchEngine {
  async created(page) {
    await pool.query(`INSERT INTO vectors (tokens) VALUES (to_tsvector('${this.config.language}', $1))`, [page.text]); // expect: sql-interpolation@warning
  }
}

// Reported: a private helper called with the exported function's own parameter.
async function deleteTagged(db, tag) {
  return db.query(`DELETE FROM posts WHERE tag = '${tag}'`); // expect: sql-interpolation@warning
}

async function purgeTag(db, tag) {
  return deleteTagged(db, tag);
}

// Reported: a loop over a parameter's items, quoted.
async function countKinds(db, kinds) {
  for (const kind of kinds) {
    await db.query(`SELECT count(*) FROM events WHERE kind = '${kind}'`); // expect: sql-interpolation@warning, n-plus-one-query
  }
}

// Reported: request input, even where SQL takes a name or in a statement with no parameters.
function register(app) {
  app.get('/posts', async (req, res) => {
    const { rows } = await pool.query(`SELECT * FROM posts ORDER BY ${req.query.sort}`); // expect: sql-interpolation
    res.json(rows);
  });
  app.post('/schema', async (req, res) => {
    await pool.query(`SET search_path = ${req.body.schema}`); // expect: sql-interpolation
    res.end();
  });
}

module.exports = { sortByRole, resetReplication, stalePrepared, nextNumber, dropSlot, createSchema, countByStatus, eligibleWorkspacesFactory, SearchEngine, purgeTag, countKinds, register };
