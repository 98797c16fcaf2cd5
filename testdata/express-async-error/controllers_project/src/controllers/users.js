const User = require('../models/user');

// expect: express-async-error
exports.list = async (req, res) => {
  const users = await User.find();
  res.json(users);
};

exports.show = async (req, res, next) => {
  try {
    res.json(await User.findById(req.params.id));
  } catch (err) {
    next(err);
  }
};

// expect: express-async-error
exports.create = async function create(req, res) {
  const user = await User.create(req.body);
  res.status(201).json(user);
};

// Exported but never registered as a handler.
exports.count = async (req, res) => {
  res.json(await User.count());
};
