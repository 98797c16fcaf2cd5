// Table names from enums and frozen constant maps are compile-time constants.
import { Pool } from 'pg';

enum Table {
  Ledger = 'ledger_entries',
  Accounts = 'accounts',
}

export const TABLES = {
  users: 'app_users',
  sessions: 'app_sessions',
} as const;

const COLUMNS = Object.freeze({ ledger: 'id, account_id, amount' });

export class LedgerRepository {
  constructor(private readonly pool: Pool) {}

  forAccount(accountId: string) {
    return this.pool.query(`SELECT ${COLUMNS.ledger} FROM ${Table.Ledger} WHERE account_id = $1`, [accountId]);
  }

  activeUsers() {
    return this.pool.query(`SELECT * FROM ${TABLES.users} u JOIN ${TABLES.sessions} s ON s.user_id = u.id`);
  }
}

// A map whose values are computed is not a constant.
const dynamicTables = { archive: `archive_${new Date().getFullYear()}` };

export function archived(pool: Pool, id: string) {
  return pool.query(`SELECT * FROM ${dynamicTables.archive} WHERE id = '${id}'`); // expect: sql-interpolation@warning
}
