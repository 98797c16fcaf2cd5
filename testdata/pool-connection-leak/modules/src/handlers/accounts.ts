import { checkout, withClient } from '../db';

export class AccountService {
  async balance(accountId: string): Promise<number> {
    const client = await checkout(); // expect: pool-connection-leak
    const { rows } = await client.query('SELECT balance FROM accounts WHERE id = $1', [accountId]);
    client.release();
    return rows[0].balance;
  }

  async close(accountId: string): Promise<void> {
    const client = await checkout();
    try {
      await client.query('UPDATE accounts SET closed = true WHERE id = $1', [accountId]);
    } finally {
      client.release();
    }
  }

  async owner(accountId: string): Promise<string> {
    return withClient(async (client) => {
      const { rows } = await client.query('SELECT owner FROM accounts WHERE id = $1', [accountId]);
      return rows[0].owner;
    });
  }
}
