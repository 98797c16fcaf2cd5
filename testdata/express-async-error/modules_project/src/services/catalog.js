const { pool } = require('./pool');

// Never rejects: a failed query answers an empty list.
async function listProducts(category) {
  try {
    const { rows } = await pool.query('SELECT * FROM products WHERE category = $1', [category]);
    return rows;
  } catch (err) {
    console.error('catalog unavailable', err);
    return [];
  }
}

// Logs and throws again: awaiting it can reject.
async function loadProduct(id) {
  try {
    const { rows } = await pool.query('SELECT * FROM products WHERE id = $1', [id]);
    return rows[0];
  } catch (err) {
    console.error('product lookup failed', err);
    throw err;
  }
}

// No try at all.
async function countProducts() {
  const { rows } = await pool.query('SELECT COUNT(*) AS n FROM products');
  return rows[0].n;
}

module.exports = { listProducts, loadProduct, countProducts };
