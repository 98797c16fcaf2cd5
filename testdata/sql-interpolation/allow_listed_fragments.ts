// Names from an allow-list, numbers and text the program computes: quiet. A string
// parameter, or a class property set from one, is still reported.
const COLUMNS = ['name', 'email'] as const;

export async function setTimeoutFor(pool: Pool, timeoutMs: number) {
  await pool.query(`SET LOCAL statement_timeout = ${timeoutMs}`);
}

export async function setSearchPath(pool: Pool, schema: string) {
  await pool.query(`SET search_path = ${schema}`);
}

export async function selectColumns(pool: Pool) {
  const list = COLUMNS.map((c) => `"${c}"`).join(', ');
  return pool.query(`SELECT ${list} FROM users`);
}

export class Rebuild {
  private workingTable = '';
  private sourceTable = '';

  constructor(source: string) {
    this.sourceTable = source;
  }

  async run(pool: Pool) {
    const uniqueId = crypto.randomBytes(4).toString('hex');
    this.workingTable = `rebuild_${Date.now()}_${uniqueId}`;
    await pool.query(`CREATE TABLE ${this.workingTable} (id int)`);
    await pool.query(`INSERT INTO ${this.workingTable} SELECT id FROM ${this.sourceTable}`);
  }
}
