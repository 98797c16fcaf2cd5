async function byTag(pool, tag) {
  // expect: sql-interpolation
  return pool.query(("SELECT id FROM posts WHERE tag = '") /* quoted by hand */
    + tag + "'");
}

module.exports = { byTag };
