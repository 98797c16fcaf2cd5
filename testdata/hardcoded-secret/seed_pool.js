// Seed エラー12: the pool is configured with a literal password.
const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: 'localhost',
  user: 'root',
  password: 'password', // expect: hardcoded-secret@error
  database: 'mydb',
  waitForConnections: true,
  connectionLimit: 10,
});

const transport = nodemailer.createTransport({
  host: 'smtp.example.com',
  auth: {
    user: 'mailer',
    pass: 'Tr0ub4dor&3', // expect: hardcoded-secret
  },
});

module.exports = { pool, transport };
