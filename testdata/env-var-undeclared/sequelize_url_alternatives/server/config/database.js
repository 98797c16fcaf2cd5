// Sequelize CLI configuration: with `use_env_variable`, the connection URL replaces the
// separate settings, which only serve a setup without it.
const shared = {
  use_env_variable: process.env.DATABASE_URL ? 'DATABASE_URL' : undefined,
  dialect: 'postgres',
  host: process.env.DATABASE_HOST,
  username: process.env.DATABASE_USER,
  database: process.env.DATABASE_NAME,
};

// Without `use_env_variable`, the host is required.
const replica = {
  dialect: 'postgres',
  host: process.env.REPLICA_HOST, // expect: env-var-undeclared
};

module.exports = { development: shared, production: shared, replica };
