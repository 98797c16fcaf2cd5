const { URL } = require('url');

const urlCache = {}; // expect: unbounded-cache

function parseUrl(url) {
  if (urlCache[url]) {
    return urlCache[url];
  }
  const parsed = new URL(url);
  urlCache[url] = { host: parsed.host, path: parsed.pathname };
  return urlCache[url];
}

module.exports = { parseUrl };
