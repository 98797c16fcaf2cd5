// Orders module of a NestJS service on TypeORM raw queries.
import { Controller, Get, Injectable, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type OrderStatus = 'pending' | 'paid' | 'shipped';

export interface OrderRow {
  id: number;
  customerId: number;
  total: string;
  status: OrderStatus;
}

export interface Page<T> {
  items: T[];
  total: number;
}

const ORDER_COLUMNS = 'id, customer_id AS "customerId", total, status';

@Injectable()
export class OrdersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findByCustomer(customerId: string): Promise<OrderRow[]> {
    return this.dataSource.query<OrderRow[]>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE customer_id = ${customerId}`); // expect: sql-interpolation@warning
  }

  async markShipped(ids: number[]): Promise<void> {
    const list: string = ids.join(',');
    await this.dataSource.query(`UPDATE orders SET status = 'shipped' WHERE id IN (${list})`); // expect: sql-interpolation@warning
  }

  async findPage(status: OrderStatus, limit: number, offset: number): Promise<Page<OrderRow>> {
    const items = (await this.dataSource.query(
      `SELECT ${ORDER_COLUMNS} FROM orders WHERE status = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [status, limit, offset],
    )) as OrderRow[];
    const [{ count }] = (await this.dataSource.query('SELECT count(*) AS count FROM orders WHERE status = $1', [
      status,
    ])) as Array<{ count: string }>;
    return { items, total: Number(count) };
  }

  async findOne(id: number): Promise<OrderRow | undefined> {
    const rows = await this.dataSource.query<OrderRow[]>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = $1`, [id]);
    return rows[0];
  }
}

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly orders: OrdersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<OrderRow> {
    const rows: OrderRow[] = await this.dataSource.query(`SELECT ${ORDER_COLUMNS} FROM orders WHERE id = ${id}`); // expect: sql-interpolation@error
    if (rows.length === 0) {
      throw new NotFoundException();
    }
    return rows[0];
  }

  @Get()
  async search(@Query('q') q: string): Promise<OrderRow[]> {
    const sql = `SELECT ${ORDER_COLUMNS} FROM orders WHERE notes ILIKE '%${q}%'`;
    return this.dataSource.query(sql); // expect: sql-interpolation@error
  }

  @Get('safe/:id')
  async findOneSafe(@Param('id') id: string): Promise<OrderRow> {
    const order = await this.orders.findOne(Number(id));
    if (!order) {
      throw new NotFoundException();
    }
    return order;
  }

  @Get('customer/:customerId')
  byCustomer(@Param('customerId') customerId: string): Promise<OrderRow[]> {
    return this.orders.findByCustomer(customerId);
  }

  @Post(':id/refund')
  async refund(@Param('id') id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE orders SET status = 'refunded' WHERE id = ${id}`); // expect: sql-interpolation@error
      await manager.query('INSERT INTO refunds (order_id, created_at) VALUES ($1, now())', [id]);
    });
  }
}
