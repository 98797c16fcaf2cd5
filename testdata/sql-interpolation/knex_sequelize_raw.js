// Reporting routes on knex and Sequelize raw queries.
const express = require('express');
const { QueryTypes } = require('sequelize');
const knex = require('../db/knex');
const { sequelize } = require('../models');

const router = express.Router();

async function revenueByDay(req, res, next) {
  try {
    const { from, to } = req.query;
    const result = await knex.raw( // expect: sql-interpolation@error
      `SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue
         FROM orders
        WHERE created_at BETWEEN '${from}' AND '${to}'
        GROUP BY 1
        ORDER BY 1`,
    );
    res.json(result.rows);
  } catch (err) {
    next(err);
  }
}

// knex bindings: `?` placeholders and a values array.
async function revenueByDaySafe(req, res, next) {
  try {
    const { from, to } = req.query;
    const result = await knex.raw(
      `SELECT date_trunc('day', created_at) AS day, sum(total) AS revenue
         FROM orders
        WHERE created_at BETWEEN ? AND ?
        GROUP BY 1
        ORDER BY 1`,
      [from, to],
    );
    res.json(result.rows);
  } catch (err) {
    next(err);
  }
}

async function topCustomers(req, res, next) {
  try {
    const limit = req.query.limit;
    const sql = `SELECT customer_id, count(*) AS orders FROM orders GROUP BY customer_id ORDER BY 2 DESC LIMIT ${limit}`;
    const { rows } = await knex.raw(sql); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function customerOrders(req, res, next) {
  try {
    const orders = await sequelize.query( // expect: sql-interpolation@error
      `SELECT id, total, status FROM orders WHERE customer_id = ${req.params.customerId}`,
      { type: QueryTypes.SELECT },
    );
    res.json(orders);
  } catch (err) {
    next(err);
  }
}

async function customerOrdersSafe(req, res, next) {
  try {
    const orders = await sequelize.query(
      'SELECT id, total, status FROM orders WHERE customer_id = :customerId',
      { replacements: { customerId: req.params.customerId }, type: QueryTypes.SELECT },
    );
    res.json(orders);
  } catch (err) {
    next(err);
  }
}

async function customerOrdersBound(req, res, next) {
  try {
    const orders = await sequelize.query('SELECT id, total FROM orders WHERE customer_id = $1', {
      bind: [req.params.customerId],
      type: QueryTypes.SELECT,
    });
    res.json(orders);
  } catch (err) {
    next(err);
  }
}

async function deleteDraft(req, res, next) {
  try {
    const draftId = req.body.draftId;
    await sequelize.query("DELETE FROM order_drafts WHERE id = '" + draftId + "'"); // expect: sql-interpolation@error
    res.status(204).end();
  } catch (err) {
    next(err);
  }
}

// Query builder calls, no raw SQL text.
async function orderById(req, res, next) {
  try {
    const order = await knex('orders').where({ id: req.params.id }).first();
    res.json(order || null);
  } catch (err) {
    next(err);
  }
}

// Maintenance helpers called from a job runner, not from a request handler: DDL and table
// names from a parameter are not reported.
async function dropTenantSchema(schema) {
  await knex.raw(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}

async function countRows(table) {
  const [rows] = await sequelize.query(`SELECT count(*) AS n FROM ${table}`);
  return Number(rows[0].n);
}

router.get('/revenue', revenueByDay);
router.get('/revenue/safe', revenueByDaySafe);
router.get('/customers/top', topCustomers);
router.get('/customers/:customerId/orders', customerOrders);
router.get('/customers/:customerId/orders/safe', customerOrdersSafe);
router.get('/customers/:customerId/orders/bound', customerOrdersBound);
router.delete('/drafts', deleteDraft);
router.get('/orders/:id', orderById);

module.exports = { router, dropTenantSchema, countRows };
