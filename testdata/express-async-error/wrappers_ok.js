const express = require('express');
const asyncHandler = require('express-async-handler');
const catchAsync = require('../utils/catchAsync');

const router = express.Router();

router.get('/a', asyncHandler(async (req, res) => {
  res.json(await User.find());
}));

router.get('/b', catchAsync(async (req, res) => {
  res.json(await User.find());
}));

// Rejections handled with .catch(next).
router.get('/c', (req, res, next) => {
  User.find().then((users) => res.json(users)).catch(next);
});

router.get('/d', async (req, res, next) => {
  const users = await User.find().catch(next);
  res.json(users);
});

// try/catch around every await.
router.get('/e', async (req, res, next) => {
  try {
    const users = await User.find();
    res.json(users);
  } catch (error) {
    next(error);
  }
});

// Not async: Express catches synchronous throws.
router.get('/f', (req, res) => {
  throw new Error('BROKEN');
});

// An async function that is never registered as a handler.
async function loadConfig() {
  return JSON.parse(await readConfig());
}

// Async function without awaits or throws.
router.get('/g', async (req, res) => {
  res.json({ ok: true });
});

module.exports = router;
