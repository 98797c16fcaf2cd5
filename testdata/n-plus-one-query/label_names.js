// The label names of one item (the folders of one file's path) found or created by name
// are not reported; the same lookups over the request's input or of users by name are.
const { PrismaClient } = require('@prisma/client');

const prisma = new PrismaClient();

async function tagsFromPath(filePath) {
  const parts = filePath.split('/').slice(0, -1);
  for (const part of parts) {
    await prisma.tag.upsert({ where: { name: part }, create: { name: part }, update: {} });
  }
}

async function addTags(req, res) {
  const names = req.body.tags;
  for (const name of names) {
    await prisma.tag.upsert({ where: { name }, create: { name }, update: {} }); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

async function mentionedUsers(text) {
  const names = (text.match(/@\w+/g) || []).map((m) => m.slice(1));
  const users = [];
  for (const name of names) {
    users.push(await prisma.user.findFirst({ where: { name } })); // expect: n-plus-one-query
  }
  return users;
}

module.exports = { tagsFromPath, addTags, mentionedUsers };
