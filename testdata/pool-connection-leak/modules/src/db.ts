// Connections for the TypeScript services.
import { Pool, PoolClient } from 'pg';

const pool = new Pool();

export const checkout = async (): Promise<PoolClient> => pool.connect();

export async function withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await work(client);
  } finally {
    client.release();
  }
}
