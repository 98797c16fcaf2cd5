const express = require('express');
const cors = require('cors');

const app = express();

// Any origin only while developing (the seed's own setup, reworded).
if (process.env.NODE_ENV === 'development') {
  app.use(cors());
}

const trustedOrigins = ['https://shop.example.org', 'https://admin.shop.example.org'];

app.use(
  cors({
    origin(origin, callback) {
      if (!origin || trustedOrigins.includes(origin)) {
        callback(null, true);
      } else {
        callback(new Error('Origin not allowed'));
      }
    },
    credentials: true,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  }),
);
app.options('*', cors());

// Any origin, but no cookies.
app.use('/public', cors({ origin: '*' }));

// A list of origins from the configuration.
app.use(cors({ origin: process.env.CORS_ORIGINS.split(','), credentials: true }));

app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (trustedOrigins.indexOf(origin) !== -1) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
  }
  next();
});

// Reflecting without credentials.
app.use((req, res, next) => {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin || '*');
  next();
});

// `credentials` of something else: a fetch from this server.
async function loadProfile(url) {
  return fetch(url, { credentials: true, origin: true });
}

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal' });
});

module.exports = { app, loadProfile };
