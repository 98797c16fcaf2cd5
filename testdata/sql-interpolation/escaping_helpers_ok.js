// Values escaped by the driver's own helpers before they are put into the SQL text.
const express = require('express');
const mysql = require('mysql2');
const format = require('pg-format');
const { mysqlPool } = require('../db/mysql');
const { pgPool } = require('../db/pg');

const router = express.Router();

const SORTABLE = new Set(['created_at', 'total', 'status']);

async function findByEmail(req, res, next) {
  try {
    const sql = `SELECT id, name FROM users WHERE email = ${mysql.escape(req.body.email)}`;
    const [rows] = await mysqlPool.query(sql);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
}

async function sortedOrders(req, res, next) {
  try {
    const column = SORTABLE.has(req.query.sort) ? req.query.sort : 'created_at';
    const sql = `SELECT id, total, status FROM orders ORDER BY ${mysqlPool.escapeId(column)} DESC`;
    const [rows] = await mysqlPool.query(sql);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function byName(req, res, next) {
  try {
    const [rows] = await mysqlPool.query(`SELECT id FROM customers WHERE name = ${mysqlPool.escape(req.query.name)}`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function formatted(req, res, next) {
  try {
    const sql = mysql.format('SELECT * FROM users WHERE id = ?', [req.params.id]);
    const [rows] = await mysqlPool.query(sql);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
}

// pg-format: %I quotes identifiers, %L quotes literals.
async function auditTrail(req, res, next) {
  try {
    const sql = format('SELECT * FROM %I WHERE owner_id = %L', 'audit_log', req.params.ownerId);
    const { rows } = await pgPool.query(sql);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function actorEvents(req, res, next) {
  try {
    const actor = req.query.actor;
    const { rows } = await pgPool.query(`SELECT * FROM audit_log WHERE actor = ${format('%L', actor)} ORDER BY at DESC`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function columnStats(connection, column) {
  const [rows] = await connection.query(`SELECT ${connection.escapeId(column)}, count(*) AS n FROM orders GROUP BY 1`);
  return rows;
}

router.post('/users/lookup', findByEmail);
router.get('/orders/sorted', sortedOrders);
router.get('/customers/by-name', byName);
router.get('/users/:id', formatted);
router.get('/audit/:ownerId', auditTrail);
router.get('/audit', actorEvents);

module.exports = { router, columnStats };
