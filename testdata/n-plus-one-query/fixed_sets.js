// Loops whose length the code fixes: seed data the application ships, the site's
// administrators, the models of the schema. Their queries are not reported; the same
// queries in loops over stored rows or request items are.
const seedProjects = require('./seed-data/projects.json');
const { sequelize, Project, Label, Notification, Post, Setting, User } = require('./models');
const { buildDerivedEnv } = require('./env');
const { findDocumentAdmins } = require('./permissions');

async function seedWorkspace(workspace) {
  for (const projectSeed of seedProjects) {
    const project = await Project.create({ ...projectSeed.fields, workspaceId: workspace.id });
    for (const name of projectSeed.labels) {
      await Label.create({ projectId: project.id, name });
    }
  }
}

async function copyProjects(workspace, source) {
  const projects = await Project.findAll({ where: { workspaceId: source.id } });
  for (const project of projects) {
    await Project.create({ workspaceId: workspace.id, name: project.name }); // expect: n-plus-one-query
  }
}

async function notifyAdmins(report) {
  const admins = await User.findAll({ where: { role: 'admin' } });
  for (const admin of admins) {
    await Notification.create({ userId: admin.id, reportId: report.id });
  }
}

async function notifyMembers(report) {
  const members = await User.findAll({ where: { teamId: report.teamId } });
  for (const member of members) {
    await Notification.create({ userId: member.id, reportId: report.id }); // expect: n-plus-one-query
  }
}

async function tableCounts() {
  const counts = {};
  for (const Model of Object.values(sequelize.models)) {
    counts[Model.name] = await Model.count();
  }
  return counts;
}

async function importLabels(req, res) {
  for (const name of req.body.labels) {
    await Label.create({ projectId: req.params.id, name }); // expect: n-plus-one-query
  }
  res.sendStatus(201);
}

async function saveConfigs(req, res) {
  const infraConfigs = req.body.configs;
  for (let i = 0; i < infraConfigs.length; i++) {
    await Setting.update({ value: infraConfigs[i].value }, { where: { name: infraConfigs[i].name } });
  }
  const derivedEnv = buildDerivedEnv();
  await Promise.all(
    Object.entries(derivedEnv).map(([name, value]) => Setting.update({ value }, { where: { name } })),
  );
  res.sendStatus(204);
}

async function saveValues(req, res) {
  const values = req.body.values;
  for (let i = 0; i < values.length; i++) {
    await Setting.update({ value: values[i].value }, { where: { name: values[i].name } }); // expect: n-plus-one-query
  }
  res.sendStatus(204);
}

async function notifyDocumentAdmins(document) {
  const admins = await findDocumentAdmins(document);
  for (const admin of admins) {
    await Notification.create({ userId: admin.id, documentId: document.id }); // expect: n-plus-one-query
  }
}

module.exports = { notifyDocumentAdmins, saveConfigs, saveValues, seedWorkspace, copyProjects, notifyAdmins, notifyMembers, tableCounts, importLabels };

async function countPostsPerUser(teamId) {
  const counts = {};
  const users = await sequelize.models.User.findAll({ where: { teamId } });
  for (const user of users) {
    counts[user.id] = await Post.count({ where: { userId: user.id } }); // expect: n-plus-one-query
  }
  return counts;
}

module.exports.countPostsPerUser = countPostsPerUser;
