// A library's universal module build kept in the repository: quiet.
(function (root, factory) {
  if (typeof define === 'function' && define.amd) {
    define(['https'], factory);
  } else if (typeof exports === 'object') {
    module.exports = factory(require('https'));
  } else {
    root.transport = factory(root.https);
  }
})(this, function (https) {
  const insecureAgent = new https.Agent({ rejectUnauthorized: false });
  return { insecureAgent };
});
