// Loops over the members of an enumeration: as many turns as the code declares members, not
// as many as a table holds rows. A loop over the rows of a query beside them stays reported.
import { PrismaClient } from '@prisma/client';
import { Stage } from './states/enums';

const prisma = new PrismaClient();

export enum Severity {
  Low = 'low',
  High = 'high',
}

export async function incidentsByStage(teamId: string) {
  const byStage: Record<string, unknown> = {};
  for (const stage of Object.values(Stage)) {
    byStage[stage] = await prisma.incident.findMany({ where: { teamId, stage } });
  }
  return byStage;
}

export async function countsBySeverity(teamId: string) {
  return Promise.all(
    Object.values(Severity).map((severity) => prisma.incident.count({ where: { teamId, severity } })),
  );
}

export async function summariesByOutcome(teamId: string) {
  // Outcomes stored as rows, keyed by name: as many as the table holds.
  const outcomes = await prisma.outcome.findMany({ where: { teamId } });
  const byName = Object.fromEntries(outcomes.map((o) => [o.name, o]));
  for (const outcome of Object.values(byName)) {
    await prisma.summary.findMany({ where: { teamId, outcomeId: outcome.id } }); // expect: n-plus-one-query
  }
}

export async function summariesOfIncidents(teamId: string) {
  const incidents = await prisma.incident.findMany({ where: { teamId } });
  for (const incident of incidents) {
    await prisma.summary.findFirst({ where: { incidentId: incident.id } }); // expect: n-plus-one-query
  }
}
