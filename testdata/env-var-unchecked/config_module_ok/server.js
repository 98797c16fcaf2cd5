const jwt = require('jsonwebtoken');
const config = require('./config');

const token = jwt.sign({ ok: true }, process.env.JWT_SECRET);
const again = jwt.sign({ ok: true }, config.jwtSecret);
