// A script that reaches a shared server: its password is live.
import { Client } from 'pg';

export const client = new Client({ connectionString: 'postgres://dump:dump-pass@db.internal/dump' }); // expect: hardcoded-secret
