// Filled once when the app starts: a loader that refuses a plugin id it already holds,
// and a set-up step. Quiet.
const loadedPlugins = new Map();

async function loadPlugin(app, plugin) {
  const { id } = plugin.info;
  if (loadedPlugins.has(id)) {
    console.error(`plugin id ${id} is already in use`);
    return false;
  }
  await plugin.init(app);
  loadedPlugins.set(id, plugin);
  return true;
}

const columnClasses = {};

function setupColumnClasses(columns) {
  for (const column of columns) {
    columnClasses[column.id] = makeClass(column);
  }
}

// A cache answers a held key with its entry: reported.
const sessions = new Map(); // expect: unbounded-cache

async function sessionFor(userId) {
  if (sessions.has(userId)) {
    return sessions.get(userId);
  }
  const session = await openSession(userId);
  sessions.set(userId, session);
  return session;
}

module.exports = { loadPlugin, setupColumnClasses, sessionFor };
