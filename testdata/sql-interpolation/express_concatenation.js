// Catalogue routes (Express 4, node-postgres). SQL assembled with `+` and `+=`.
const express = require('express');
const { pool } = require('../db');

const PRODUCT_COLUMNS = 'id, name, price, category';

const router = express.Router();

router.get('/products', async (req, res, next) => {
  try {
    let sql = 'SELECT ' + PRODUCT_COLUMNS + ' FROM products WHERE active = true';
    if (req.query.category) {
      sql += " AND category = '" + req.query.category + "'";
    }
    if (req.query.maxPrice) {
      sql += ` AND price <= ${req.query.maxPrice}`;
    }
    sql += ' ORDER BY name';
    const { rows } = await pool.query(sql); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

// The same filter built safely: `+=` appends placeholders, the values go in `params`.
router.get('/products/filtered', async (req, res, next) => {
  try {
    const params = [];
    let sql = 'SELECT ' + PRODUCT_COLUMNS + ' FROM products WHERE active = true';
    if (req.query.category) {
      params.push(req.query.category);
      sql += ` AND category = $${params.length}`;
    }
    if (req.query.maxPrice) {
      params.push(Number(req.query.maxPrice));
      sql += ` AND price <= $${params.length}`;
    }
    sql += ' ORDER BY name';
    const { rows } = await pool.query(sql, params);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

router.delete('/products/:id', async (req, res, next) => {
  try {
    await pool.query('DELETE FROM products WHERE id = ' + req.params.id); // expect: sql-interpolation@error
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

async function productsByTag(req, res, next) {
  try {
    const tag = req.query.tag;
    const sql =
      'SELECT p.id, p.name FROM products p ' +
      'JOIN product_tags t ON t.product_id = p.id ' +
      "WHERE t.tag = '" + tag + "'";
    const { rows } = await pool.query(sql); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function renameProduct(req, res, next) {
  try {
    const { name } = req.body;
    let sql = 'UPDATE products SET ';
    sql += "name = '" + name + "', ";
    sql += 'updated_at = now() WHERE id = $1';
    await pool.query(sql, [req.params.id]); // expect: sql-interpolation@error
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

// Only literals and a module constant are concatenated: nothing to report.
async function productById(req, res, next) {
  try {
    const sql = 'SELECT ' + PRODUCT_COLUMNS + ' FROM products ' + 'WHERE id = $1';
    const { rows } = await pool.query(sql, [req.params.id]);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
}

async function discontinue(req, res, next) {
  try {
    await pool.query('UPDATE products SET active = false, updated_at = now() ' + 'WHERE id = $1', [
      req.params.id,
    ]);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

// A helper that never sees the request: interpolation of its parameter is a warning.
async function restock(productId, quantity) {
  const sql = 'UPDATE stock SET quantity = quantity + ' + quantity + ' WHERE product_id = ' + productId;
  await pool.query(sql); // expect: sql-interpolation@warning
}

router.get('/products/by-tag', productsByTag);
router.get('/products/:id', productById);
router.patch('/products/:id/name', renameProduct);
router.post('/products/:id/discontinue', discontinue);

module.exports = { router, restock };
