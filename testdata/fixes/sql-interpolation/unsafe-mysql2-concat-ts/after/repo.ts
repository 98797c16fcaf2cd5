import mysql from 'mysql2/promise';

const pool = mysql.createPool({ host: 'db' });

export async function findByEmail(email: string, status: string) {
  const [rows] = await pool.query("SELECT * FROM users WHERE email = ? AND status = ?", [email, status]);
  return rows;
}
