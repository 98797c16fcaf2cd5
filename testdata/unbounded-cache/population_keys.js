// Keys that name members of a growing population (users, URLs, request input), also through
// a local key built from them: reported.
const emailCache = {}; // expect: unbounded-cache

function emailFor(instanceUrl, userName) {
  const cacheKey = `${instanceUrl}:${userName}`;
  if (!emailCache[cacheKey]) {
    emailCache[cacheKey] = lookupEmail(instanceUrl, userName);
  }
  return emailCache[cacheKey];
}

const lastPaths = []; // expect: unbounded-cache

app.use((req, res, next) => {
  lastPaths.push(req.originalUrl);
  next();
});

module.exports = { emailFor };
