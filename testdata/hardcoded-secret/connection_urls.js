// Seed エラー20: connection URLs that carry their password.
const { Pool } = require('pg');
const mongoose = require('mongoose');
const amqp = require('amqplib');
const Redis = require('ioredis');

const pool = new Pool({ connectionString: 'postgres://app:Xk9p2LmQ7v@db:5432/app' }); // expect: hardcoded-secret@error

mongoose.connect("mongodb://admin:M0ngoR00t-2024@mongo:27017/shop?authSource=admin"); // expect: hardcoded-secret

const host = process.env.RABBIT_HOST;
// The password is written out; only the host is interpolated.
const broker = await amqp.connect(`amqp://worker:rabbit-Wk-77@${host}:5672/jobs`); // expect: hardcoded-secret

const redis = new Redis('redis://:Qz8vR3d1sPw@cache:6379/0'); // expect: hardcoded-secret

const knexConfig = {
  client: 'mysql2',
  connection: 'mysql://root:Tr0ub4dor@' + process.env.MYSQL_HOST + '/inventory', // expect: hardcoded-secret
};

// A deploy token in a clone URL is a leaked credential too.
const REPO = 'https://deploy-bot:gl-Fh38sKq2Lm@gitlab.example.com/acme/api.git'; // expect: hardcoded-secret

process.env.DATABASE_URL = 'postgresql://postgres:password@localhost:5432/mydb'; // expect: hardcoded-secret

module.exports = { pool, broker, redis, knexConfig, REPO };
