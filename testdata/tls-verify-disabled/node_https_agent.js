// Outbound HTTP and TLS clients of the integration service.
const https = require('https');
const tls = require('tls');
const axios = require('axios');
const request = require('request');
const nodemailer = require('nodemailer');
const Redis = require('ioredis');
const WebSocket = require('ws');
const config = require('./config');

// expect: tls-verify-disabled@error
const insecureAgent = new https.Agent({ rejectUnauthorized: false });

const partnerApi = axios.create({
  baseURL: config.partner.baseUrl,
  timeout: 5000,
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }), // expect: tls-verify-disabled@error
});

function connectToLedger(host, port) {
  return tls.connect({
    host,
    port,
    servername: host,
    rejectUnauthorized: false, // expect: tls-verify-disabled@error
  });
}

function fetchLegacyReport(reportId, callback) {
  request(
    {
      url: `${config.legacy.baseUrl}/reports/${reportId}`,
      json: true,
      strictSSL: false, // expect: tls-verify-disabled@error
    },
    callback,
  );
}

const mailer = nodemailer.createTransport({
  host: config.smtp.host,
  port: 587,
  auth: { user: config.smtp.user, pass: process.env.SMTP_PASSWORD },
  tls: { rejectUnauthorized: false }, // expect: tls-verify-disabled@error
});

const cache = new Redis(config.redis.url, {
  // expect: tls-verify-disabled@error
  tls: { 'rejectUnauthorized': false },
});

function openFeed(url) {
  return new WebSocket(url, { rejectUnauthorized: false }); // expect: tls-verify-disabled@error
}

// Switching verification off for the whole process.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'; // expect: tls-verify-disabled@error

function allowSelfSignedEverywhere() {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = 0; // expect: tls-verify-disabled@error
}

function allowSelfSignedForBatch() {
  // expect: tls-verify-disabled@error
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
}

// expect: tls-verify-disabled@error
https.globalAgent.options.rejectUnauthorized = false;

// Look-alikes that keep verification on.
const verifiedAgent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });

const internalAgent = new https.Agent({
  ca: config.tls.internalCa,
  rejectUnauthorized: config.tls.rejectUnauthorized,
});

const strictClient = request.defaults({ strictSSL: true });

function assertTlsVerification() {
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new Error('NODE_TLS_REJECT_UNAUTHORIZED=0 is not allowed: rejectUnauthorized: false would apply to every request');
  }
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';
}

module.exports = {
  insecureAgent,
  partnerApi,
  connectToLedger,
  fetchLegacyReport,
  mailer,
  cache,
  openFeed,
  allowSelfSignedEverywhere,
  allowSelfSignedForBatch,
  verifiedAgent,
  internalAgent,
  strictClient,
  assertTlsVerification,
};
