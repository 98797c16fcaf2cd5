// Read only by the knex command-line tool to run migrations.
if (!process.env.JWT_SECRET) {
  process.env.JWT_SECRET = 'securekey';
}

module.exports = { client: 'pg', connection: process.env.DATABASE_URL };
