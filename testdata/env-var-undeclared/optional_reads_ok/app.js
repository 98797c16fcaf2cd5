const url = process.env.DATABASE_URL;
const level = process.env.LOG_LEVEL || 'info';
const ttl = process.env.CACHE_TTL ?? 60;
const verbose = process.env.VERBOSE === '1';
if (process.env.SENTRY_DSN) {
  Sentry.init({ dsn: process.env.SENTRY_DSN });
}
const tracing = process.env.OTEL_ENDPOINT ? setupTracing(process.env.OTEL_ENDPOINT) : null;
module.exports = { url, level, ttl, verbose, tracing };
