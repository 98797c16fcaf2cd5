import { pool } from './pool';

export interface Totals {
  orders: number;
}

// Never rejects: every await is inside try, and the catch answers a fallback.
export const fetchTotals = async (day: string): Promise<Totals> => {
  try {
    const result = await pool.query('SELECT count(*) AS orders FROM orders WHERE day = $1', [day]);
    return { orders: Number(result.rows[0].orders) };
  } catch {
    return { orders: 0 };
  }
};

// Rejects when the query fails.
export async function fetchRows(day: string): Promise<unknown[]> {
  const result = await pool.query('SELECT * FROM orders WHERE day = $1', [day]);
  return result.rows;
}
