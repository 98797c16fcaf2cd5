const { Command } = require('commander');
const { Pool } = require('pg');

const pool = new Pool();
const program = new Command();

// A one-shot command: the process and its pool end with it. Quiet.
program
  .command('upgrade')
  .description('upgrade the schema')
  .action(async () => {
    const client = await pool.connect();
    await client.query('SELECT 1');
    console.log('done');
  });

// The same body in a function a server calls: reported.
async function schemaVersion() {
  const client = await pool.connect(); // expect: pool-connection-leak@error
  const { rows } = await client.query('SELECT version FROM schema_info');
  return rows[0].version;
}

program.parse();
module.exports = { schemaVersion };
