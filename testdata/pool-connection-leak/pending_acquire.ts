import knex from 'knex';

const db = knex({ client: 'pg' });

export async function ping(timeoutMs: number): Promise<void> {
  const client = db.client;
  const pending = client.pool.acquire();
  const timer = setTimeout(() => pending.abort(), timeoutMs);
  let connection: any;
  try {
    connection = (await pending.promise) as any;
  } finally {
    clearTimeout(timer);
  }
  try {
    await connection.query('SELECT 1');
  } finally {
    if (connection) {
      await client.releaseConnection(connection);
    }
  }
}

export async function pingWithoutRelease(): Promise<void> {
  const client = db.client;
  const pending = client.pool.acquire(); // expect: pool-connection-leak
  const connection = await pending.promise;
  await connection.query('SELECT 1');
}
