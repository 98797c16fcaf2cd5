// URLs without a password, with a reference, a placeholder or an interpolated password.
const { Pool } = require('pg');

const user = process.env.DB_USER;
const pw = process.env.DB_PASSWORD;

const pools = [
  new Pool({ connectionString: process.env.DATABASE_URL }),
  new Pool({ connectionString: 'postgres://app@db/app' }),
  new Pool({ connectionString: 'postgres://db:5432/app' }),
  new Pool({ connectionString: `postgres://${user}:${pw}@db:5432/app` }),
  new Pool({ connectionString: `postgres://app:${encodeURIComponent(pw)}@db:5432/app` }),
  new Pool({ connectionString: 'postgres://app:${POSTGRES_PASSWORD}@db/app' }),
  new Pool({ connectionString: 'postgres://app:<password>@db/app' }),
  new Pool({ connectionString: 'postgres://app:***@db/app' }),
  new Pool({ connectionString: 'postgres://app:your-password@db/app' }),
  new Pool({ connectionString: process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost:5432/dev' }),
];

// A parser's pattern and a usage message are not credentials.
const URL_PATTERN = /^(\w+):\/\/([^:]+):([^@]+)@(.*)$/;
const PATTERN_TEXT = '^(\\w+)://([^:]+):([^@]+)@(.*)$';
const USAGE = 'Set DATABASE_URL, e.g. postgres://user:secret@host:5432/db';
const CDN = 'https://unpkg.com/react@18/umd/react.production.min.js';
const SSH = 'git+ssh://git@github.com:acme/api.git';
const MAIL = 'mailto:ops@example.com';

// A URL in a comment is documentation: postgres://app:Xk9p2LmQ7v@db:5432/app

module.exports = { pools, URL_PATTERN, PATTERN_TEXT, USAGE, CDN, SSH, MAIL };
