module.exports = function wrapAll(handlers) {
  const wrapped = {};
  for (const [name, fn] of Object.entries(handlers)) {
    wrapped[name] = (req, res, next) => Promise.resolve(fn(req, res)).catch(next);
  }
  return wrapped;
};
