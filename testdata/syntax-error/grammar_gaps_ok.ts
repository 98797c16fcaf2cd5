// Valid TypeScript the tree-sitter grammar does not read: it must not be reported.
import { sql } from 'kysely';

export async function tableExists(db: any, tableName: string): Promise<boolean> {
  const result = await sql<{ exists: boolean }>`
    SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_name = ${tableName})
  `.execute(db);
  return result.rows[0]?.exists ?? false;
}

export interface Param {
  key: string;
  value: string;
  in: 'header' | 'query';
}
