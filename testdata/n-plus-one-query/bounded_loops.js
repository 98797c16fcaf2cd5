// A loop bounded in the code by a slice, `limit` or `take` of a few items runs a handful of
// queries, whatever the data: not reported. The same loops over all the rows are.

app.get('/api/home', async (req, res) => {
  const posts = await prisma.post.findMany({ orderBy: { createdAt: 'desc' }, take: 5 });
  for (const post of posts) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } });
  }
  res.json(posts);
});

app.post('/api/tags', async (req, res) => {
  const tags = [];
  for (const name of req.body.tags.slice(0, 3)) {
    tags.push(await prisma.tag.findFirst({ where: { name } }));
  }
  res.json(tags);
});

async function newest(knex) {
  const rows = await knex('orders').orderBy('created_at', 'desc').limit(5);
  return Promise.all(rows.map((row) => knex('customers').where({ id: row.customer_id }).first()));
}

async function latest(pool) {
  const { rows } = await pool.query('SELECT id, user_id FROM posts ORDER BY id DESC LIMIT 5');
  for (const row of rows) {
    row.user = await pool.query('SELECT * FROM users WHERE id = $1', [row.user_id]);
  }
  return rows;
}

// Look-alikes: all the rows, a big bound, every item of the request.
app.get('/api/all', async (req, res) => {
  const posts = await prisma.post.findMany({ orderBy: { createdAt: 'desc' } });
  for (const post of posts) {
    post.author = await prisma.user.findUnique({ where: { id: post.authorId } }); // expect: n-plus-one-query
  }
  res.json(posts);
});

app.post('/api/tags-all', async (req, res) => {
  const tags = [];
  for (const name of req.body.tags) {
    tags.push(await prisma.tag.findFirst({ where: { name } })); // expect: n-plus-one-query
  }
  res.json(tags);
});

async function many(knex) {
  const rows = await knex('orders').orderBy('created_at', 'desc').limit(1000);
  return Promise.all(rows.map((row) => knex('customers').where({ id: row.customer_id }).first())); // expect: n-plus-one-query
}

async function everything(pool) {
  const { rows } = await pool.query('SELECT id, user_id FROM posts ORDER BY id DESC LIMIT 500');
  for (const row of rows) {
    row.user = await pool.query('SELECT * FROM users WHERE id = $1', [row.user_id]); // expect: n-plus-one-query
  }
  return rows;
}
