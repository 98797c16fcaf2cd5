// Keys from a set the code or the configuration fixes (a template namespace, a task name,
// a tenant and bot pair, a regex of the rules, a package's files): quiet.
const fallbackCache = {};

async function fallback(namespace) {
  if (fallbackCache[namespace]) {
    return fallbackCache[namespace];
  }
  const entry = await initFallback(namespace);
  fallbackCache[namespace] = entry;
  return entry;
}

const regexCache = {};

function getRegex(regex, insensitive) {
  const cacheKey = `${regex}${insensitive ? '/i' : ''}`;
  if (!regexCache[cacheKey]) {
    regexCache[cacheKey] = new RegExp(regex, insensitive ? 'i' : '');
  }
  return regexCache[cacheKey];
}

const stylesheets = [];

function addStylesheet(packageName, filename) {
  stylesheets.push(packageName + '/' + filename);
}

const jwksMiddlewareCache = {};

async function jwksFor(req) {
  const { connection } = await getConnectionFromRequest(req);
  const cacheKey = JSON.stringify([connection.metadata.jwks_uri, connection.clientId]);
  let middleware = jwksMiddlewareCache[cacheKey];
  if (!middleware) {
    middleware = makeMiddleware(connection);
    jwksMiddlewareCache[cacheKey] = middleware;
  }
  return middleware;
}

module.exports = { fallback, getRegex, addStylesheet, jwksFor };
