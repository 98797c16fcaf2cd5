const https = require('https');

async function getOrder(req, res) {
  const id = req.params.id;
  const sql = `SELECT * FROM orders WHERE id = ${id}`;
  const [rows] = await db.query(sql);
  res.json(rows[0]);
}

const agent = new https.Agent({ rejectUnauthorized: false });

module.exports = { getOrder, agent };
