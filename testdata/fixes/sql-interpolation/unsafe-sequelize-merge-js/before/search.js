const { Sequelize, QueryTypes } = require('sequelize');

const sequelize = new Sequelize(process.env.DATABASE_URL);

async function search(req, res) {
  const rows = await sequelize.query(`SELECT * FROM posts WHERE author = ${req.query.author} AND kind = :kind`, {
    replacements: { kind: 'article' },
    type: QueryTypes.SELECT,
  });
  res.json(rows);
}

async function byTag(req, res) {
  const rows = await sequelize.query(`SELECT * FROM posts WHERE tag = '${req.params.tag}'`);
  res.json(rows);
}

module.exports = { search, byTag };
