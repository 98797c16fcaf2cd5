import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

export async function countOrders(userId: number): Promise<number> {
    const client = await pool.connect();
    try {
        const res = await client.query('SELECT count(*) FROM orders WHERE user_id = $1', [userId]);
        client.release();
        return Number(res.rows[0].count);
    } catch (err) {
        console.error('count failed', err);
        return 0;
    }
}

export async function lastOrder(userId: number) {
    const client = await pool.connect();
    const res = await client.query('SELECT * FROM orders WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId]);
    if (res.rows.length === 0) {
        return null;
    }
    client.release();
    return res.rows[0];
}
