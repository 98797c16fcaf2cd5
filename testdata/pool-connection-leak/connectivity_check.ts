import { Pool } from 'pg';

const pool = new Pool();

export class Database {
  // A connectivity check: the release is the very next statement, so nothing can fail
  // while the connection is held, and the rethrow in the catch leaks nothing.
  async onModuleInit(): Promise<void> {
    try {
      const client = await pool.connect();
      // nothing runs in between
      client.release();

      await this.warmUp();
    } catch (error) {
      throw new Error(`Database connection failed: ${(error as Error).message}`);
    }
  }

  // The look-alike: a query runs between the acquisition and the release.
  async ping(): Promise<void> {
    try {
      const client = await pool.connect(); // expect: pool-connection-leak
      await client.query('SELECT 1');
      client.release();
    } catch (error) {
      throw new Error(`ping failed: ${(error as Error).message}`);
    }
  }

  private async warmUp(): Promise<void> {}
}
