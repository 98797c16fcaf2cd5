// Queries in a loop that do not run once per row (TypeScript).
import { Knex } from 'knex';
import { PrismaClient } from '@prisma/client';

const ROLES = [
  { name: 'admin', permissions: ['read', 'write'] },
  { name: 'viewer', permissions: ['read'] },
];

export async function seedRoles(prisma: PrismaClient): Promise<void> {
  for (const role of ROLES) {
    for (const permission of role.permissions) {
      await prisma.permission.upsert({
        where: { name: permission },
        create: { name: permission, role: role.name },
        update: {},
      });
    }
  }
}

export async function resetSequences(knex: Knex, tables: string[]): Promise<void> {
  for (const table of tables) {
    await knex.raw(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), max(id)) FROM ${table}`);
  }
}

export async function applySettings(prisma: PrismaClient): Promise<void> {
  for (const [name, value] of Object.entries(process.env)) {
    await prisma.infraConfig.update({ where: { name }, data: { value } });
  }
}

export async function stopAtFailure(prisma: PrismaClient, steps: Step[]): Promise<boolean> {
  for (const step of steps) {
    if (!(await step.run())) {
      await prisma.notification.create({ data: { kind: 'failed', step: step.id } });
      throw new Error(`step ${step.id} failed`);
    }
  }
  return true;
}

// Still one query per row.
export async function grantAll(prisma: PrismaClient, roles: Role[]): Promise<void> {
  for (const role of roles) {
    for (const permission of role.permissions) {
      await prisma.permission.create({ data: { name: permission, role: role.name } }); // expect: n-plus-one-query
    }
  }
}

export async function eventCounts(knex: Knex, kinds: string[]): Promise<number[]> {
  const out: number[] = [];
  for (const kind of kinds) {
    out.push(await knex.raw(`SELECT count(*) FROM events WHERE kind = '${kind}'`)); // expect: n-plus-one-query, sql-interpolation
  }
  return out;
}

export async function applyValues(prisma: PrismaClient, values: Record<string, string>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    await prisma.infraConfig.update({ where: { name }, data: { value } }); // expect: n-plus-one-query
  }
}

interface Step {
  id: string;
  run(): Promise<boolean>;
}
interface Role {
  name: string;
  permissions: string[];
}
