// A timestamp stored with each entry is not a TTL: nothing reads it to remove entries.
const lastSeen = new Map(); // expect: unbounded-cache

function track(req, res, next) {
  lastSeen.set(req.ip, Date.now());
  next();
}

const requestLog = []; // expect: unbounded-cache

app.use((req, res, next) => {
  requestLog.push({ ip: req.ip, at: Date.now() });
  next();
});

const tokenCache = {}; // expect: unbounded-cache

function remember(req) {
  tokenCache[req.body.token] = { user: req.user.id, expires: Date.now() + 60_000 };
}

function isValid(token) {
  const entry = tokenCache[token];
  return Boolean(entry) && entry.expires > Date.now();
}

// Look-alikes: a sweep on an interval deletes the expired entries, or clears the map.
const TTL = 60_000;
const visits = new Map();

function visit(req) {
  visits.set(req.ip, Date.now());
}

setInterval(() => {
  const now = Date.now();
  for (const [ip, at] of visits) {
    if (now - at > TTL) visits.delete(ip);
  }
}, TTL);

const hitsByIp = new Map();

function hit(req) {
  hitsByIp.set(req.ip, { at: Date.now(), n: (hitsByIp.get(req.ip)?.n ?? 0) + 1 });
}

setInterval(() => hitsByIp.clear(), TTL);

module.exports = { track, remember, isValid, visit, hit };
