// Verification stays on in production; it is relaxed only for local development, as
// recommended after the "unable to verify the first certificate" incident.
const fs = require('fs');
const https = require('https');
const { Pool } = require('pg');
const config = require('./config');
const logger = require('./logger');

const agent = new https.Agent({
  rejectUnauthorized: process.env.NODE_ENV !== 'development',
});

async function fetchData() {
  const response = await fetch('https://api.example.com/data', { agent });
  return response.json();
}

// Trust the internal CA instead of turning verification off.
const pool = new Pool({
  connectionString: config.databaseUrl,
  ssl: {
    ca: fs.readFileSync('/etc/ssl/certs/rds-ca.pem', 'utf8'),
    rejectUnauthorized: true,
  },
});

const devAgent = process.env.NODE_ENV === 'development' ? new https.Agent({ rejectUnauthorized: false }) : undefined;

// Never set rejectUnauthorized: false here; the CA bundle is mounted at /etc/ssl/certs.
// process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

function warnAboutInsecureConfig(options) {
  if (options.rejectUnauthorized === false) {
    logger.warn('rejectUnauthorized: false is ignored in production');
  }
}

const tlsDefaults = { minVersion: 'TLSv1.2', rejectUnauthorized: true };

module.exports = { agent, fetchData, pool, devAgent, warnAboutInsecureConfig, tlsDefaults };
