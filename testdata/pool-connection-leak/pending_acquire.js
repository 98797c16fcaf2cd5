const knex = require('knex');

const db = knex({ client: 'pg' });

async function ping(timeoutMs) {
  const client = db.client;
  const pending = client.pool.acquire();
  const timer = setTimeout(() => pending.abort(), timeoutMs);
  let connection;
  try {
    connection = await pending.promise;
  } finally {
    clearTimeout(timer);
  }
  try {
    await connection.query('SELECT 1');
  } finally {
    await client.releaseConnection(connection);
  }
}

async function pingWithoutRelease() {
  const client = db.client;
  const pending = client.pool.acquire(); // expect: pool-connection-leak
  const connection = await pending.promise;
  await connection.query('SELECT 1');
}

module.exports = { ping, pingWithoutRelease };
