const express = require('express');
const asyncHandler = require('../middleware/asyncHandler');

const router = express.Router();

router.get('/', asyncHandler(async (req, res) => {
  res.json(await req.db.users.findAll());
}));

router.get('/:id', (req, res, next) => {
  req.db.users
    .findById(req.params.id)
    .then((user) => res.json(user))
    .catch(next);
});

module.exports = router;
