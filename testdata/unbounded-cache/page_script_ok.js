const anchor = document.createElement('a');
const urlCache = {};

function parseUrl(url) {
  if (urlCache[url]) {
    return urlCache[url];
  }
  anchor.href = url;
  urlCache[url] = { host: anchor.host, path: anchor.pathname };
  return urlCache[url];
}

window.addEventListener('click', (event) => track(parseUrl(event.target.href)));
