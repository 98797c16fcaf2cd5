// Template literals and `.query(` / `.execute(` calls that are not SQL injection.
const express = require('express');
const { sql } = require('slonik');
const logger = require('../logger');
const jobs = require('../jobs');
const redis = require('../redis');
const searchIndex = require('../search');
const { pool, slonikPool } = require('../db');

const TABLE = 'users';
const PAGE_SIZE = 25;

const router = express.Router();

async function exportUser(req, res, next) {
  try {
    const { id } = req.params;
    logger.info(`user ${id} requested an export`);
    logger.debug(`SELECT export rows for user ${id}`);

    // A job runner's execute(), keyed by a plain string.
    await jobs.execute(`export-${id}`);
    const cached = await redis.get(`export:${id}`);

    // Built for the debug log, never executed.
    const preview = `SELECT * FROM exports WHERE user_id = ${id}`;
    logger.debug({ preview }, 'export query preview');

    res.status(202).send(cached ? `Export for user ${id} is ready` : `Export for user ${id} queued`);
  } catch (err) {
    next(err);
  }
}

async function searchProducts(req, res, next) {
  try {
    const term = req.query.q;
    const hits = await searchIndex.query(`name:${term}* description:${term}`);
    res.json(hits);
  } catch (err) {
    next(err);
  }
}

// Compile-time constants interpolated; the user value is a parameter.
async function usersPage(req, res, next) {
  try {
    const orderBy = 'created_at DESC';
    const { rows } = await pool.query(
      `SELECT id, email FROM ${TABLE} WHERE org_id = $1 ORDER BY ${orderBy} LIMIT ${PAGE_SIZE}`,
      [req.params.orgId],
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

// slonik's `sql` tag turns every substitution into a bound value.
async function userById(req, res, next) {
  try {
    const user = await slonikPool.maybeOne(sql`SELECT id, email FROM users WHERE id = ${req.params.id}`);
    res.json(user);
  } catch (err) {
    next(err);
  }
}

// One parameterised statement for all line items inside a transaction.
async function importLines(orderId, lines) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO order_lines (order_id, sku, quantity) SELECT $1, * FROM unnest($2::text[], $3::int[])',
      [orderId, lines.map((line) => line.sku), lines.map((line) => line.quantity)],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

async function health(req, res, next) {
  try {
    await pool.query('SELECT 1');
    res.send(`ok ${new Date().toISOString()}`);
  } catch (err) {
    next(err);
  }
}

router.get('/users/:id/export', exportUser);
router.get('/products/search', searchProducts);
router.get('/orgs/:orgId/users', usersPage);
router.get('/users/:id', userById);
router.get('/health', health);

module.exports = { router, importLines };
