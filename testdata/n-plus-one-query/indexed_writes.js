const Comment = require('./models/comment');

// An element write (`posts[i].x = await ...`) does not drive the loop: the counter does.
async function withCounts(posts) {
  let i = 0;
  while (i < posts.length) {
    posts[i].commentCount = await Comment.countDocuments({ post: posts[i]._id }); // expect: n-plus-one-query
    i++;
  }
  return posts;
}

async function balancesOf(knex, ids) {
  const balances = {};
  for (let i = 0; i < ids.length; i++) {
    const row = await knex('ledger').where('account_id', ids[i]).first(); // expect: n-plus-one-query
    balances[i] = Number(row.total);
  }
  return balances;
}

async function rowsOf(db, ids) {
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out[i] = await db.query('SELECT * FROM users WHERE id = $1', [ids[i]]); // expect: n-plus-one-query
  }
  return out;
}

// Look-alike: the loop walks a chain, each query reading the row the previous one returned.
async function ancestry(db, node) {
  const chain = [];
  while (node) {
    node.parent = await db.query('SELECT * FROM nodes WHERE id = $1', [node.parentId]);
    chain.push(node);
    node = node.parent;
  }
  return chain;
}

// Look-alike: paging until an empty page, through a fixed property of a state object.
async function drain(db) {
  const state = { cursor: 0, rows: [] };
  while (state['cursor'] !== null) {
    state['cursor'] = await db.query('SELECT next_cursor FROM events WHERE id > $1', [state['cursor']]);
  }
}

// Look-alike: the queries are collected into an array and awaited once with one IN query.
async function byIds(pool, ids) {
  const placeholders = [];
  for (let i = 0; i < ids.length; i++) {
    placeholders[i] = `$${i + 1}`;
  }
  const { rows } = await pool.query(`SELECT * FROM users WHERE id IN (${placeholders.join(',')})`, ids);
  return rows;
}

module.exports = { withCounts, balancesOf, rowsOf, ancestry, drain, byIds };
