// One query per type of thing, per group of ids fetched with one IN, or row by row only
// after a batch write failed; a counting loop over a sorted copy of a list written in the
// code. Not reported; the same queries per row, an IN written around the row's own id, or
// a counting loop over rows are.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

const STEPS = [
  { id: 2, name: 'backfill-tags' },
  { id: 1, name: 'rename-columns' },
];

async function resetTypes(source) {
  const types = await prisma.entityType.findMany({ where: { source } });
  for (const entityType of types) {
    await prisma.edge.deleteMany({ where: { nodeType: entityType.name } });
  }
  for (const entity of types) {
    await prisma.edge.deleteMany({ where: { nodeId: entity.id } }); // expect: n-plus-one-query
  }
}

async function usersByGroup(groups) {
  const found = [];
  for (const [groupId, userIds] of Object.entries(groups)) {
    found.push({ groupId, users: await prisma.user.findMany({ where: { id: { in: userIds } } }) });
  }
  for (const member of Object.values(groups)) {
    found.push(await prisma.user.findMany({ where: { id: { in: [member.ownerId] } } })); // expect: n-plus-one-query
  }
  return found;
}

async function saveTags(rows) {
  try {
    await prisma.tag.createMany({ data: rows });
  } catch (err) {
    for (const row of rows) {
      await prisma.tag.upsert({ where: { name: row.name }, update: {}, create: row });
    }
  }
  try {
    await prisma.tag.deleteMany({ where: { unused: true } });
  } catch (err) {
    for (const row of rows) {
      await prisma.tag.update({ where: { name: row.name }, data: { unused: false } }); // expect: n-plus-one-query
    }
  }
}

async function applySteps() {
  const ordered = [...STEPS].sort((a, b) => a.id - b.id);
  for (let i = 0; i < ordered.length; i++) {
    await prisma.appStep.upsert({ where: { name: ordered[i].name }, update: {}, create: { name: ordered[i].name } });
  }
  const pending = await prisma.appStep.findMany({ where: { done: false } });
  const sorted = [...pending].sort((a, b) => a.id - b.id);
  for (let i = 0; i < sorted.length; i++) {
    await prisma.appStep.update({ where: { name: sorted[i].name }, data: { done: true } }); // expect: n-plus-one-query
  }
}

module.exports = { resetTypes, usersByGroup, saveTags, applySteps };
