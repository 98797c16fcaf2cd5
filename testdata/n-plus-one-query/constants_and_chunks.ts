// Loops whose length the code fixes or that already work in chunks: an array of entities
// written in the code, a constant imported from another module of the project, a while
// loop that deletes a chunk of rows per turn, one statement per table, one query per week
// of a report, a serializer of one object. Their queries are not reported; the same
// queries over stored rows or the client's list are.
import { PrismaClient } from '@prisma/client';
import { DEFAULT_ROLES } from './roles';
import { defaultSliders } from '@server/constants/discover';
import { loadSliders } from '@server/lib/discover';

const prisma = new PrismaClient();

const SESSION_KIND = 'session';
const TOKEN_KIND = 'token';
const KINDS_TO_COUNT: string[] = [SESSION_KIND, TOKEN_KIND];

export async function syncRoles(): Promise<void> {
  for (const role of DEFAULT_ROLES) {
    await prisma.role.upsert({ where: { name: role.name }, update: {}, create: { name: role.name } });
  }
  for (const slider of defaultSliders) {
    await prisma.slider.upsert({ where: { type: slider.type }, update: {}, create: { type: slider.type } });
  }
  for (const slider of await loadSliders()) {
    await prisma.slider.upsert({ where: { type: slider.type }, update: {}, create: { type: slider.type } }); // expect: n-plus-one-query
  }
}

export async function purgeExpired(before: Date): Promise<void> {
  let batch = await prisma.share.findMany({ where: { expiresAt: { lt: before } }, take: 500 });
  while (batch.length > 0) {
    await prisma.share.deleteMany({ where: { id: { in: batch.map((s) => s.id) } } });
    batch = await prisma.share.findMany({ where: { expiresAt: { lt: before } }, take: 500 });
  }
}

export async function credentialCounts(): Promise<number[]> {
  const counts: number[] = [];
  for (const kind of KINDS_TO_COUNT) {
    counts.push(await prisma.credential.count({ where: { kind } }));
  }
  return counts;
}

export async function rollupMonths(months: Date[]): Promise<number[]> {
  const counts: number[] = [];
  for (const monthStart of months) {
    counts.push(await prisma.event.count({ where: { month: monthStart } }));
  }
  return counts;
}

export async function rollupUsers(userIds: string[]): Promise<number[]> {
  const counts: number[] = [];
  for (const userId of userIds) {
    counts.push(await prisma.event.count({ where: { userId } })); // expect: n-plus-one-query
  }
  return counts;
}

export class WorkflowSerializer extends BaseSerializer {
  async update(workflowId: string, data: { triggers: { type: string }[] }): Promise<void> {
    for (const trigger of data.triggers) {
      await prisma.trigger.create({ data: { workflowId, type: trigger.type } });
    }
  }
}

export class WorkflowController {
  async update(workflowId: string, data: { triggers: { type: string }[] }): Promise<void> {
    for (const trigger of data.triggers) {
      await prisma.trigger.create({ data: { workflowId, type: trigger.type } }); // expect: n-plus-one-query
    }
  }
}

declare class BaseSerializer {}
