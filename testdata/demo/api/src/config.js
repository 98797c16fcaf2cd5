// Settings read once at startup; the process stops when a required one is missing.
const REQUIRED = ['DATABASE_URL', 'PAYMENTS_URL', 'STOCK_URL'];

for (const name of REQUIRED) {
  if (!process.env[name]) {
    console.error(`missing required environment variable ${name}`);
    process.exit(1);
  }
}

module.exports = {
  port: Number(process.env.PORT) || 3000,
  logLevel: process.env.LOG_LEVEL || 'info',
  databaseUrl: process.env.DATABASE_URL,
  paymentsUrl: process.env.PAYMENTS_URL,
  stockUrl: process.env.STOCK_URL,
};
