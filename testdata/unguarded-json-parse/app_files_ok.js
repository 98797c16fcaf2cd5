const fs = require('fs');
const path = require('path');

const CONFIG_PATH = path.join(__dirname, '..', 'config.json');

function packageVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '../package.json'), 'utf8'));
  return pkg.version;
}

function loadConfig() {
  const raw = fs.readFileSync(CONFIG_PATH, 'utf8');
  return JSON.parse(raw);
}

fs.readFile(CONFIG_PATH, 'utf8', (err, text) => {
  if (!err) {
    console.log(JSON.parse(text));
  }
});

async function readSettings() {
  const text = await fs.promises.readFile(path.join(process.cwd(), 'settings.json'), 'utf8');
  return JSON.parse(text);
}

function loadOrDefault() {
  try {
    return readStoredState();
  } catch (err) {
    return {};
  }
}

function readStoredState() {
  return JSON.parse(fs.readFileSync(process.env.STATE_FILE, 'utf8'));
}

async function queuedItems() {
  const items = (await db.getObjects(['queue:1', 'queue:2'])).filter(Boolean);
  items.forEach((data) => {
    data.data = JSON.parse(data.data);
  });
  const record = await db.getObject('queue:3');
  record.data = JSON.parse(record.data);
  return items;
}

function parseBody(ctx, body) {
  ctx.request.body = trySafe(() => JSON.parse(body));
}

const polyfill = {
  async json() {
    const text = await this.text();
    return JSON.parse(text);
  },
};

module.exports = { packageVersion, loadConfig, readSettings, loadOrDefault, queuedItems, parseBody, polyfill };
