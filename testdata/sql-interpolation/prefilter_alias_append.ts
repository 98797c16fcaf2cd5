// SQL written whole, then given its holes through an alias and `+=`.
async function search(db, filters: { author?: string }) {
  const base: string =
    'SELECT id, title FROM posts';
  let sql = base;
  if (filters.author) {
    sql += " WHERE author = '" + filters.author + "'";
  }
  // expect: sql-interpolation
  return db.query(sql);
}

async function count(db, total: number) {
  // Whole SQL, values passed apart: no finding.
  const countSql = 'SELECT count(*) FROM posts WHERE deleted = $1';
  const next = total + 1;
  return db.query(countSql, [false, next]);
}

export { search, count };
