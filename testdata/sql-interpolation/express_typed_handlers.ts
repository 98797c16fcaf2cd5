// Orders router in TypeScript: typed requests, generic query calls, `as` casts.
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Pool, QueryResult } from 'pg';
import { pool } from '../db';

interface OrderParams {
  id: string;
}

interface ListQuery {
  status?: string;
  sort?: string;
}

interface OrderRow {
  id: number;
  total: string;
  status: string;
}

export const ordersRouter = Router();

async function getOrder(req: Request<OrderParams>, res: Response, next: NextFunction): Promise<void> {
  try {
    const id = req.params.id as string;
    const sql: string = `SELECT id, total, status FROM orders WHERE id = ${id}`;
    const result: QueryResult<OrderRow> = await pool.query<OrderRow>(sql); // expect: sql-interpolation@error
    res.json(result.rows[0] ?? null);
  } catch (err) {
    next(err);
  }
}

async function listOrders(
  req: Request<Record<string, never>, OrderRow[], unknown, ListQuery>,
  res: Response<OrderRow[]>,
  next: NextFunction,
): Promise<void> {
  try {
    const { status, sort } = req.query as ListQuery;
    const sql = `SELECT id, total, status FROM orders WHERE status = '${status}' ORDER BY ${sort ?? 'id'}`;
    const { rows } = await pool.query<OrderRow>(sql); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

async function ordersOfTenant(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const tenant = <string>req.headers['x-tenant'];
    const { rows } = await pool.query<OrderRow>(`SELECT id, total, status FROM ${tenant}.orders`); // expect: sql-interpolation@error
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

ordersRouter.delete('/:id', async (req: Request<OrderParams>, res: Response, next: NextFunction) => {
  try {
    const orderId = req.params.id!;
    await pool.query('DELETE FROM orders WHERE id = ' + orderId); // expect: sql-interpolation@error
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

// Parameterised versions of the same handlers.
async function getOrderSafe(req: Request<OrderParams>, res: Response, next: NextFunction): Promise<void> {
  try {
    const result = await pool.query<OrderRow>('SELECT id, total, status FROM orders WHERE id = $1', [req.params.id]);
    res.json(result.rows[0] ?? null);
  } catch (err) {
    next(err);
  }
}

async function listOrdersSafe(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const { status } = req.query as ListQuery;
    const direction = req.query.dir === 'asc' ? 'ASC' : 'DESC';
    const { rows } = await pool.query<OrderRow>(
      `SELECT id, total, status FROM orders WHERE status = $1 ORDER BY created_at ${direction}`,
      [status ?? 'paid'],
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

// Generic repository: table and column names are identifiers, which no placeholder can carry,
// and they come from the program, not the request: not reported.
export class Repository<T extends { id: number }> {
  constructor(
    private readonly db: Pool,
    private readonly table: string,
  ) {}

  async findBy(column: keyof T & string, value: string): Promise<T[]> {
    const { rows } = await this.db.query<T>(`SELECT * FROM ${this.table} WHERE ${column} = $1`, [value]);
    return rows;
  }

  async findById(id: number): Promise<T | undefined> {
    const { rows } = await this.db.query<T>('SELECT * FROM orders WHERE id = $1', [id]);
    return rows[0];
  }
}

ordersRouter.get('/', listOrders);
ordersRouter.get('/safe', listOrdersSafe);
ordersRouter.get('/tenant', ordersOfTenant);
ordersRouter.get('/:id', getOrder);
ordersRouter.get('/:id/safe', getOrderSafe);
