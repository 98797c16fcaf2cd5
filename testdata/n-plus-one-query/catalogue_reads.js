// A statement per item that reads the database's own catalogue (the columns or indexes of
// one relation) reads no application row. The same loop reading application rows stays
// reported.
const { Pool } = require('pg');

const pool = new Pool();

async function describeSources(sources) {
  const described = {};
  for (const source of sources) {
    const { rows } = await pool.query(
      'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1',
      [source.relation],
    );
    described[source.relation] = rows;
  }
  return described;
}

async function indexesOfSources(sources) {
  for (const source of sources) {
    await pool.query('SELECT indexname FROM pg_indexes WHERE tablename = $1', [source.relation]);
  }
}

async function ownersOfSources(sources) {
  for (const source of sources) {
    await pool.query('SELECT owner_id FROM table_owners WHERE table_name = $1', [source.relation]); // expect: n-plus-one-query
  }
}

module.exports = { describeSources, indexesOfSources, ownersOfSources };
