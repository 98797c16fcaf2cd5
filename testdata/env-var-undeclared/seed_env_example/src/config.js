module.exports = {
  database: { url: process.env.DATABASE_URL },
  jwt: {
    secret: process.env.JWT_SECRET,
    refreshSecret: process.env.JWT_REFRESH_SECRET,
    expiresIn: process.env.JWT_EXPIRES_IN || '7d',
  },
  stripe: {
    key: process.env.STRIPE_SECRET_KEY, // expect: env-var-undeclared
  },
  // expect: env-var-undeclared
  mailFrom: process.env['MAIL_FROM'],
  server: {
    port: parseInt(process.env.PORT) || 3000,
    env: process.env.NODE_ENV || 'development',
  },
};
