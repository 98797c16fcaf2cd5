const knex = require('knex');

// knex takes the connection string itself as `connection`.
const db = knex({ client: 'pg', connection: process.env.WAREHOUSE_DATABASE_URL }); // expect: env-var-unchecked

// An object of settings is not a connection string; a non-URL variable is not one either.
const reporting = knex({
  client: 'mysql2',
  connection: { host: 'reporting-db', database: 'reports' },
});
const queue = knex({ client: 'pg', connection: process.env.QUEUE_DB_SETTINGS_PATH ? 'x' : 'y' });

module.exports = { db, reporting, queue };
