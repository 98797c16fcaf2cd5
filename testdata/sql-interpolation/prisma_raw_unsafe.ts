// User endpoints on Prisma: the *Unsafe raw APIs take plain strings, the tagged ones bind values.
import { Prisma, PrismaClient } from '@prisma/client';
import type { NextFunction, Request, Response } from 'express';

const prisma = new PrismaClient();

interface UserRow {
  id: number;
  email: string;
  lastSeen: Date | null;
}

type IdParams = { id: string };

export async function getUser(req: Request<IdParams>, res: Response, next: NextFunction): Promise<void> {
  try {
    // expect: sql-interpolation@error
    const users = await prisma.$queryRawUnsafe<UserRow[]>(`SELECT id, email FROM "User" WHERE id = ${req.params.id}`);
    res.json(users[0] ?? null);
  } catch (err) {
    next(err);
  }
}

export async function touchUser(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const email = req.query.email as string;
    const sql = `UPDATE "User" SET "lastSeen" = now() WHERE email = '${email}'`;
    const count: number = await prisma.$executeRawUnsafe(sql); // expect: sql-interpolation@error
    res.json({ updated: count });
  } catch (err) {
    next(err);
  }
}

export async function usersByDomain(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const { domain } = req.body as { domain: string };
    const rows = (await prisma.$queryRawUnsafe( // expect: sql-interpolation@error
      `SELECT id, email FROM "User" WHERE email LIKE '%@${domain}'`,
    )) as UserRow[];
    res.json(rows);
  } catch (err) {
    next(err);
  }
}

// Tagged templates: Prisma turns each `${...}` into a bound parameter.
export async function getUserSafe(req: Request<IdParams>, res: Response, next: NextFunction): Promise<void> {
  try {
    const id = Number(req.params.id);
    const users = await prisma.$queryRaw<UserRow[]>`SELECT id, email FROM "User" WHERE id = ${id}`;
    res.json(users[0] ?? null);
  } catch (err) {
    next(err);
  }
}

export async function touchUserSafe(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const email = req.query.email as string;
    const count = await prisma.$executeRaw`UPDATE "User" SET "lastSeen" = now() WHERE email = ${email}`;
    res.json({ updated: count });
  } catch (err) {
    next(err);
  }
}

export async function usersByIds(req: Request, res: Response, next: NextFunction): Promise<void> {
  try {
    const ids = (req.body as { ids: number[] }).ids;
    const query = Prisma.sql`SELECT id, email FROM "User" WHERE id IN (${Prisma.join(ids)})`;
    const users = await prisma.$queryRaw<UserRow[]>(query);
    res.json(users);
  } catch (err) {
    next(err);
  }
}

// The Unsafe variants are fine with positional parameters.
export async function getUserPositional(req: Request<IdParams>, res: Response, next: NextFunction): Promise<void> {
  try {
    const users = await prisma.$queryRawUnsafe<UserRow[]>('SELECT id, email FROM "User" WHERE id = $1', Number(req.params.id));
    res.json(users[0] ?? null);
  } catch (err) {
    next(err);
  }
}

// A service function: the value is a parameter, not request input seen here.
export async function purgeTenant(tenantId: string): Promise<number> {
  return prisma.$executeRawUnsafe(`DELETE FROM "AuditLog" WHERE "tenantId" = '${tenantId}'`); // expect: sql-interpolation@warning
}

export async function purgeTenantSafe(tenantId: string): Promise<number> {
  return prisma.$executeRaw`DELETE FROM "AuditLog" WHERE "tenantId" = ${tenantId}`;
}
