const jwt = require('jsonwebtoken');
const session = require('express-session');
const mongoose = require('mongoose');

function issue(user) {
  // expect: env-var-unchecked
  return jwt.sign({ sub: user.id }, process.env.JWT_SECRET, { expiresIn: '1h' });
}

function check(token) {
  const secret = process.env.JWT_SECRET;
  return jwt.verify(token, secret); // expect: env-var-unchecked
}

const sessionSecret = process.env.SESSION_SECRET;
app.use(session({ sessionSecret, secret: sessionSecret })); // expect: env-var-unchecked

mongoose.connect(process.env.MONGO_URI); // expect: env-var-unchecked

const port = parseInt(process.env.PORT); // expect: env-var-unchecked
const workers = Number(process.env.WORKERS) || 2;
const timeout = parseInt(process.env.TIMEOUT_MS || '5000', 10);

let cache = null;
if (process.env.REDIS_URL) {
  cache = createClient({ url: process.env.REDIS_URL });
}
const queue = process.env.AMQP_URL ? amqp.connect(process.env.AMQP_URL) : null;
const fallbackSecret = process.env.COOKIE_SECRET ?? generateSecret();
const apiUrl = process.env.API_URL;

module.exports = { issue, check, port, workers, timeout, cache, queue, fallbackSecret, apiUrl };
