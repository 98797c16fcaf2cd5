import mysql from 'mysql2/promise';
import { Request, Response } from 'express';

const pool = mysql.createPool({ host: process.env.DB_HOST });

export async function findUser(req: Request, res: Response) {
  const sql = `SELECT id, name FROM users WHERE email = '${req.body.email}' LIMIT 1`;
  const [rows] = await pool.query(sql);
  res.json(rows);
}
