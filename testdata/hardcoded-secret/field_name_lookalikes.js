// A value that names its key, in a set of credentials rather than a map of names: the
// other values are a host, a user, a database.
const { Pool } = require('pg');
const mysql = require('mysql2');

const pool = new Pool({ user: 'postgres', password: 'password', host: 'localhost' }); // expect: hardcoded-secret

const conn = mysql.createConnection({
  host: 'localhost',
  user: 'user',
  password: 'password', // expect: hardcoded-secret
  database: 'mydb',
});

const single = { password: 'password' }; // expect: hardcoded-secret

const redisOptions = { host: 'cache', port: 6379, password: 'Password' }; // expect: hardcoded-secret

// Names among the siblings, but fewer than the rest.
const admin = {
  email: 'email',
  name: 'Administrator',
  role: 'owner',
  secret: 'secret', // expect: hardcoded-secret
};

module.exports = { pool, conn, single, redisOptions, admin };
