// Fragments that hold only placeholders, names picked from an allow-list, and text the
// program computes itself: nothing an attacker writes reaches the SQL text.
const SORTABLE = ['name', 'created_at'];
const FIELDS = ['name', 'email'];

async function list(req, res) {
  const where = [];
  const params = [];
  if (req.query.a) {
    where.push('a = ?');
    params.push(req.query.a);
  }
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  res.json(await db.query(`SELECT * FROM t ${clause}`, params));
}

async function update(req, res) {
  const keys = Object.keys(req.body).filter((k) => FIELDS.includes(k));
  const sets = keys.map((k) => `${k} = ?`).join(', ');
  await db.query(`UPDATE users SET ${sets} WHERE id = ?`, [...keys.map((k) => req.body[k]), req.params.id]);
  res.end();
}

async function updateAnyField(req, res) {
  const keys = Object.keys(req.body);
  const sets = keys.map((k) => `${k} = ?`).join(', ');
  // expect: sql-interpolation
  await db.query(`UPDATE users SET ${sets} WHERE id = ?`, [...keys.map((k) => req.body[k]), req.params.id]);
  res.end();
}

async function sorted(req, res) {
  const col = SORTABLE.includes(req.query.sort) ? req.query.sort : 'name';
  const dir = req.query.dir === 'desc' ? 'DESC' : 'ASC';
  res.json(await db.query(`SELECT * FROM t ORDER BY ${col} ${dir}`));
}

async function sortedUnchecked(req, res) {
  const col = req.query.sort || 'name';
  // expect: sql-interpolation
  res.json(await db.query(`SELECT * FROM t ORDER BY ${col}`));
}

async function workTable() {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '');
  const suffix = crypto.randomBytes(4).toString('hex');
  const table = `tmp_${stamp}_${suffix}`;
  await db.query(`CREATE TABLE ${table} (id int)`);
}

async function namedTable(name) {
  await db.query(`CREATE TABLE tmp_${name} (id int)`);
}

module.exports = { list, update, updateAnyField, sorted, sortedUnchecked, workTable, namedTable };
