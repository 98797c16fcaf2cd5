// The evidence the rule asks for, in TypeScript: a value position and a value from outside.
import type { Knex } from 'knex';
import { Roles } from './constants';
import { config } from './config';

// Quiet: constants of another module, quoted.
export function sortByRole(query: Knex.QueryBuilder) {
  return query.orderByRaw(`CASE WHEN role = '${Roles.Owner}' THEN 1 ELSE 2 END`);
}

// Quiet: a module-private helper called only with names the program builds.
const subscriptionName = (name: string): string => `sub_${name}`;

const disableSubscription = async ({ db, subName }: { db: Knex; subName: string }): Promise<void> => {
  await db.raw(`SELECT * FROM pg_alter_subscription_disable('${subName}')`);
};

export async function pauseRegion(db: Knex, regionKey: string): Promise<void> {
  await disableSubscription({ db, subName: subscriptionName('users') });
}

// Quiet: a literal default makes it a setting.
export const staleTransactionsFactory =
  ({ db }: { db: Knex }) =>
  async (args: { interval?: string }) => {
    const { interval = '2 minutes' } = args;
    return db.raw(`SELECT * FROM pg_prepared_xacts WHERE prepared < NOW() - INTERVAL '${interval}'`);
  };

// Quiet: a relation named as text, and a statement that takes no parameters.
export async function resetSequence(db: Knex, table: string): Promise<void> {
  await db.raw(`SELECT setval('${table}_id_seq', 1)`);
  await db.raw(`SET LOCAL statement_timeout = ${config.statementTimeout}`);
}

// Reported: a parameter compared as a value, and one quoted.
export async function findByEmail(db: Knex, email: string, status: string) {
  await db.raw(`SELECT * FROM users WHERE status = ${status}`); // expect: sql-interpolation@warning
  return db.raw(`SELECT * FROM users WHERE email = '${email}'`); // expect: sql-interpolation@warning
}

// Reported: a destructured parameter of a function returned by a factory.
export const eligibleWorkspacesFactory =
  ({ db }: { db: Knex }) =>
  async ({ userId }: { userId: string }) =>
    db('workspaces').joinRaw(`left join invites on invites.target = '@${userId}'`); // expect: sql-interpolation@warning

// Reported: configuration pasted into a quoted string.
export async function indexPage(db: Knex, text: string) {
  return db.raw(`SELECT to_tsvector('${config.searchLanguage}', ?)`, [text]); // expect: sql-interpolation@warning
}
