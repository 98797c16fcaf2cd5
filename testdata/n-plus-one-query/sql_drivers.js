const mysql = require('mysql2/promise');
const pool = mysql.createPool({ connectionLimit: 10 });

async function itemsOf(orderIds) {
  const out = [];
  for (const orderId of orderIds) {
    const [rows] = await pool.execute('SELECT * FROM items WHERE order_id = ?', [orderId]); // expect: n-plus-one-query
    out.push(...rows);
  }
  return out;
}

async function names(users) {
  users.forEach(async (u) => {
    await pool.query('UPDATE users SET seen = 1 WHERE id = ?', [u.id]); // expect: n-plus-one-query
  });
}

async function viaKnex(ids) {
  for (const id of ids) {
    const row = await knex('users').where({ id }).first(); // expect: n-plus-one-query
    console.log(row);
  }
}

async function sequelize(posts) {
  for (const post of posts) {
    post.author = await User.findByPk(post.authorId); // expect: n-plus-one-query
  }
}

async function mongoose(comments) {
  return Promise.all(comments.map(async (c) => {
    const author = await Author.findById(c.authorId).lean(); // expect: n-plus-one-query
    return { ...c, author };
  }));
}

// Look-alike: the query is built in the loop and run once after it.
async function search(filters) {
  const query = knex('products');
  for (const f of filters) {
    query.where(f.column, f.value);
  }
  return await query;
}

// Look-alike: placeholders collected in a loop, one IN (...) query.
async function byIds(ids) {
  let sql = 'SELECT * FROM users WHERE id IN (';
  for (let i = 0; i < ids.length; i++) {
    sql += i === 0 ? '?' : ', ?';
  }
  sql += ')';
  const [rows] = await pool.query(sql, ids);
  return rows;
}

// Look-alike: a retry loop whose query does not change per iteration.
async function withRetry(sql, params) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await pool.query(sql, params);
    } catch (err) {
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  throw new Error('unreachable');
}

// Look-alike: a worker loop driven by its own query.
async function worker() {
  while (true) {
    const [jobs] = await pool.query('SELECT id FROM jobs WHERE done = 0 LIMIT 1');
    if (jobs.length === 0) break;
    await pool.query('UPDATE jobs SET done = 1 WHERE id = ?', [jobs[0].id]);
  }
}

// Look-alike: batches of ids, one query per batch.
async function inBatches(ids) {
  for (const batch of chunk(ids, 500)) {
    await pool.query('DELETE FROM sessions WHERE id IN (?)', [batch]);
  }
}

// Look-alike: routes registered in a loop do not run their query in it.
for (const table of ['users', 'orders']) {
  app.get('/count/' + table, async (req, res) => {
    res.json(await pool.query('SELECT count(*) AS n FROM users WHERE kind = ?', [table]));
  });
}

module.exports = { itemsOf, names, viaKnex, sequelize, mongoose, search, byIds, withRetry, worker, inBatches };
