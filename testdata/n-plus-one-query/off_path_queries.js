// Queries in a loop that do not run once per row.
const config = require('./config');
const { prisma } = require('./db');

async function createMissingGroups(names) {
  for (const name of names) {
    try {
      await createGroup(name);
    } catch (err) {
      await prisma.auditLog.create({ data: { message: `group ${name} failed` } });
    }
  }
}

async function countIntersection(objects, keys, items) {
  for (let i = 0; i < keys.length; i++) {
    const query = { _key: keys[i], value: { $in: items } };
    if (i === keys.length - 1) {
      return await objects.countDocuments(query);
    }
    items = narrow(items, keys[i]);
  }
}

async function grantAdmins() {
  for (const email of config.admins.emails) {
    await prisma.user.update({ where: { email }, data: { admin: true } });
  }
}

async function fromRequest(params, query, user) {
  const values = {};
  for (const param of params) {
    if (param === 'bundle') {
      values[param] = await prisma.bundle.findFirst({ where: { ownerId: user.id, id: query[param] } });
    }
  }
  return values;
}

async function copyInWindows(total, size) {
  for (let page = 0; page * size < total; page++) {
    const rows = await prisma.event.findMany({ where: { id: { gte: page * size, lt: (page + 1) * size } } });
    await archive(rows);
  }
}

// Still one query per row.
async function createGroups(names) {
  for (const name of names) {
    try {
      await prisma.group.create({ data: { name } }); // expect: n-plus-one-query
    } catch (err) {
      log(err);
    }
  }
}

async function firstMissing(ids) {
  for (const id of ids) {
    const row = await prisma.user.findUnique({ where: { id } }); // expect: n-plus-one-query
    if (!row) {
      return id;
    }
  }
}

async function bundlesOf(params, user) {
  const out = [];
  for (const param of params) {
    if (param.kind === 'bundle') {
      out.push(await prisma.bundle.findFirst({ where: { ownerId: user.id, id: param.value } })); // expect: n-plus-one-query
    }
  }
  return out;
}

async function ranked(ids) {
  for (const id of ids) {
    await prisma.event.findMany({ where: { ownerId: id, rank: { lte: id * 10 } } }); // expect: n-plus-one-query
  }
}
