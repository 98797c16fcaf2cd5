// Loops whose length the code fixes: seed data the application ships, the site's
// administrators, the models of the schema. Their queries are not reported; the same
// queries in loops over stored rows or request items are.
import mongoose from 'mongoose';
import { PrismaClient } from '@prisma/client';
import seedData from './seed-data/workspace.json';

const prisma = new PrismaClient();

export async function seedWorkspace(workspaceId: string): Promise<void> {
  for (const projectSeed of seedData.projects) {
    await prisma.project.create({ data: { workspaceId, name: projectSeed.name } });
  }
}

export async function copyProjects(workspaceId: string, sourceId: string): Promise<void> {
  const projects = await prisma.project.findMany({ where: { workspaceId: sourceId } });
  for (const project of projects) {
    await prisma.project.create({ data: { workspaceId, name: project.name } }); // expect: n-plus-one-query
  }
}

export async function notifyAdmins(reportId: string): Promise<void> {
  const superAdmins = await prisma.user.findMany({ where: { role: 'ADMIN' } });
  for (const admin of superAdmins) {
    await prisma.notification.create({ data: { userId: admin.id, reportId } });
  }
}

export async function notifyMembers(teamId: string, reportId: string): Promise<void> {
  const members = await prisma.user.findMany({ where: { teamId } });
  for (const member of members) {
    await prisma.notification.create({ data: { userId: member.id, reportId } }); // expect: n-plus-one-query
  }
}

export async function collectionSizes(): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const name of mongoose.modelNames()) {
    const Model = mongoose.model(name);
    sizes[name] = await Model.countDocuments();
  }
  for (const Model of Object.values(mongoose.models)) {
    sizes[Model.modelName] = await Model.estimatedDocumentCount();
  }
  return sizes;
}

export async function updateInfraConfigs(infraConfigs: { name: string; value: string }[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < infraConfigs.length; i++) {
      await tx.infraConfig.update({ where: { name: infraConfigs[i].name }, data: { value: infraConfigs[i].value } });
    }
  });
}

export async function updateTeamNames(teams: { id: string; name: string }[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < teams.length; i++) {
      await tx.team.update({ where: { id: teams[i].id }, data: { name: teams[i].name } }); // expect: n-plus-one-query
    }
  });
}

export async function notifyTeamAdmins(teamId: string, reportId: string): Promise<void> {
  const teamAdmins = await prisma.membership.findMany({ where: { teamId, role: 'ADMIN' } });
  for (const admin of teamAdmins) {
    await prisma.notification.create({ data: { userId: admin.userId, reportId } });
  }
  for (const admin of await adminsOfTeam(teamId)) {
    await prisma.notification.create({ data: { userId: admin.userId, reportId } }); // expect: n-plus-one-query
  }
}

async function adminsOfTeam(teamId: string) {
  return prisma.membership.findMany({ where: { teamId, role: 'ADMIN' } });
}
