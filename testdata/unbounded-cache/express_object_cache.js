const { LRUCache } = require('lru-cache');
const NodeCache = require('node-cache');

// The seed: a global cache that grows forever.
const usersCache = {}; // expect: unbounded-cache@warning

app.get('/api/users/:id', async (req, res) => {
  const userId = req.params.id;
  if (usersCache[userId]) {
    return res.json(usersCache[userId]);
  }
  const user = await getUser(userId);
  usersCache[userId] = user;
  res.json(user);
});

const requestLog = []; // expect: unbounded-cache

app.use((req, res, next) => {
  requestLog.push({ path: req.path, at: new Date().toISOString() });
  next();
});

// Look-alikes: LRU and TTL libraries.
const lru = new LRUCache({ max: 500, ttl: 1000 * 60 * 5 });
const ttlCache = new NodeCache({ stdTTL: 300 });

app.get('/api/products/:id', async (req, res) => {
  let product = lru.get(req.params.id);
  if (!product) {
    product = await getProduct(req.params.id);
    lru.set(req.params.id, product);
    ttlCache.set(req.params.id, product);
  }
  res.json(product);
});

// Look-alike: entries are deleted.
const pending = {};

app.post('/api/jobs', async (req, res) => {
  const id = req.body.id;
  pending[id] = true;
  await runJob(id);
  delete pending[id];
  res.json({ ok: true });
});

// Look-alike: a registry filled at startup by a plain function.
const handlers = {};
function register(name, fn) {
  handlers[name] = fn;
}
register('ping', () => 'pong');

module.exports = { register };
