// Order queries written the safe way: placeholders with values, tagged templates, constants.
import { Pool, type QueryConfig } from 'pg';
import postgres from 'postgres';
import { logger } from '../logger';

export interface OrderRow {
  id: number;
  customerId: number;
  total: string;
  status: string;
}

const ORDERS_TABLE = 'orders';
const DEFAULT_LIMIT = 50;

const sql = postgres({ max: 10 });

export class OrderQueries {
  constructor(private readonly pool: Pool) {}

  async findOrder(id: number): Promise<OrderRow | undefined> {
    const { rows } = await this.pool.query<OrderRow>('SELECT * FROM orders WHERE id = $1', [id]);
    return rows[0];
  }

  async byCustomer(customerId: number, limit: number = DEFAULT_LIMIT): Promise<OrderRow[]> {
    const text = `SELECT * FROM ${ORDERS_TABLE} WHERE customer_id = $1 ORDER BY created_at DESC LIMIT $2`;
    const { rows } = await this.pool.query<OrderRow>(text, [customerId, limit]);
    return rows;
  }

  async recent(): Promise<OrderRow[]> {
    const column = 'created_at';
    const { rows } = await this.pool.query<OrderRow>(
      `SELECT * FROM ${ORDERS_TABLE} ORDER BY ${column} DESC LIMIT ${DEFAULT_LIMIT}`,
    );
    return rows;
  }

  async byIds(ids: number[]): Promise<OrderRow[]> {
    const placeholders = ids.map((_, i) => `$${i + 1}`).join(', ');
    const { rows } = await this.pool.query<OrderRow>(`SELECT * FROM orders WHERE id IN (${placeholders})`, ids);
    return rows;
  }

  async byStatuses(statuses: string[]): Promise<OrderRow[]> {
    const { rows } = await this.pool.query<OrderRow>('SELECT * FROM orders WHERE status = ANY($1::text[])', [statuses]);
    return rows;
  }

  async setStatus(id: number, status: string): Promise<void> {
    const query: QueryConfig<[string, number]> = {
      text: 'UPDATE orders SET status = $1, updated_at = now() WHERE id = $2',
      values: [status, id],
    };
    await this.pool.query(query);
    logger.info(`order ${id} moved to ${status}`);
  }

  async search(term: string): Promise<OrderRow[]> {
    const pattern = `%${term.replace(/[%_\\]/g, '\\$&')}%`;
    const { rows } = await this.pool.query<OrderRow>('SELECT * FROM orders WHERE notes ILIKE $1', [pattern]);
    return rows;
  }
}

// postgres.js: the `sql` tag binds every substitution.
export async function findOrderTagged(id: number): Promise<OrderRow | undefined> {
  const [order] = await sql<OrderRow[]>`SELECT * FROM orders WHERE id = ${id}`;
  return order;
}

export async function cancelTagged(id: number, reason: string): Promise<void> {
  await sql`UPDATE orders SET status = 'cancelled', cancel_reason = ${reason} WHERE id = ${id}`;
}

export function describeQuery(id: number): string {
  return `SELECT * FROM orders WHERE id = ${id}`;
}
