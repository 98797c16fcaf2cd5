// Creates a database of its own for each test run; named as a test runner's set-up file.
import knex from 'knex';

export async function createTestDatabase(runId: string) {
  const admin = knex({ client: 'pg', connection: process.env.ADMIN_URL });
  const dbName = `app_test_${runId}`;
  await admin.raw(`CREATE DATABASE ${dbName}`);
  await admin.raw(`GRANT ALL ON DATABASE ${dbName} TO app`);
  return dbName;
}
