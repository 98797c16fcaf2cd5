import { sql } from 'slonik';
import type { DatabasePool } from 'slonik';

// The slonik tag builds fragments; one multi-row insert runs after they are joined.
export async function insertRoles(pool: DatabasePool, userId: string, roleIds: string[]) {
  await pool.query(sql`
    insert into users_roles (user_id, role_id)
    values ${sql.join(
      roleIds.map((roleId) => sql`(${userId}, ${roleId})`),
      sql`, `
    )}
  `);
}

export function whereClause(filters: Record<string, string>) {
  return sql.join(
    Object.entries(filters).map(([column, value]) => sql`${sql.identifier([column])} = ${value}`),
    sql` and `
  );
}
