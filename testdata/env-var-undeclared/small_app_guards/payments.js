const { Pool } = require('pg');

// Checked right below, and answered normally when unset: the feature is off.
async function checkout(req, res) {
  const key = process.env.PAYMENT_KEY;
  const price = process.env.PRICE_ID;
  if (!key || !price) return res.status(400).json({ error: 'Payments are disabled' });
  return res.json({ key, price });
}

// An earlier statement leaves when the value is missing.
function replica() {
  const url = process.env.REPLICA_DATABASE_URL;
  if (!url) return null;
  return new Pool({ connectionString: url });
}

// Thrown when missing: the app needs it, and nothing declares it.
function webhookToken() {
  const token = process.env.WEBHOOK_TOKEN; // expect: env-var-undeclared
  if (!token) throw new Error('WEBHOOK_TOKEN is required');
  return token;
}

module.exports = { checkout, replica, webhookToken };
