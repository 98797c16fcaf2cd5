// Identifiers and numbers that are constrained before they reach the SQL text stay quiet;
// the same shapes without the constraint are still reported.
const SORTABLE = ['created_at', 'title', 'score'];
const SORT_COLUMNS = { newest: 'created_at', title: 'title' };

async function listPosts(pool, sort, direction) {
  if (!SORTABLE.includes(sort)) {
    throw new Error('unknown sort column');
  }
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return pool.query(`SELECT * FROM posts ORDER BY ${sort} ${dir} LIMIT 20`);
}

async function listByKey(pool, key) {
  return pool.query(`SELECT * FROM posts ORDER BY ${SORT_COLUMNS[key]}`);
}

async function listChecked(pool, column) {
  const col = SORTABLE.includes(column) ? column : 'created_at';
  return pool.query(`SELECT * FROM posts ORDER BY ${col}`);
}

async function recent(pool, days) {
  return pool.query(`SELECT * FROM posts WHERE created_at > now() - interval '${Number(days)} days'`);
}

async function page(pool, limit) {
  return pool.query(`SELECT * FROM posts LIMIT ${parseInt(limit, 10)}`);
}

async function byInterval(pool, interval) {
  if (!/^[0-9]+ (day|hour)s?$/.test(interval)) {
    throw new Error('bad interval');
  }
  return pool.query(`SELECT * FROM posts WHERE created_at > now() - interval '${interval}'`);
}

async function rankOf(pool, sort, key) {
  return pool.query({
    text: `SELECT rank() OVER (ORDER BY score ${sort}) FROM scores WHERE key = $1`,
    values: [key],
  });
}

async function rank(pool, key) {
  return rankOf(pool, 'ASC', key);
}

async function revRank(pool, key) {
  return rankOf(pool, 'DESC', key);
}

// An identifier from a parameter (`ORDER BY ${sort}`) is not reported: names cannot be
// parameters, and the value is not request input here. A value in a string still is.
async function listUnchecked(pool, sort) {
  if (SORTABLE.includes(sort)) {
    console.log('known column');
  }
  return pool.query(`SELECT * FROM posts ORDER BY ${sort}`);
}

async function unanchored(pool, interval) {
  if (!/[0-9]+/.test(interval)) {
    throw new Error('bad interval');
  }
  return pool.query(`SELECT * FROM posts WHERE created_at > now() - interval '${interval}'`); // expect: sql-interpolation@warning
}

async function orderBy(pool, column) {
  return pool.query(`SELECT * FROM posts ORDER BY ${column}`);
}

async function byColumn(pool, column) {
  return orderBy(pool, column);
}

module.exports = { listPosts, listByKey, listChecked, recent, page, byInterval, rank, revRank, listUnchecked, unanchored, byColumn };
