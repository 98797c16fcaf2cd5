async function byName(db, name) {
  // expect: sql-interpolation
  const { rows } = await db.query(`
    select id, email
      from users
     where name = '${name}'`);
  return rows;
}
module.exports = { byName };
