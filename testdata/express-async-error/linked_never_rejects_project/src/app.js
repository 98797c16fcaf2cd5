const express = require('express');
const ConfigStore = require('./services/config');
const remote = require('./lib/remote');

const app = express();

// Same module: its one call outside try names an imported function that never rejects.
async function settingsPage() {
  const settings = await remote.fetchRemoteSettings();
  return { settings };
}

// Same module: it calls itself in a cycle, so nothing says it never rejects.
async function retrySettings(times) {
  if (times > 0) {
    return retrySettings(times - 1);
  }
  return null;
}

app.get('/settings', async (req, res) => {
  res.json(await settingsPage());
});

app.get('/retry', async (req, res) => { // expect: express-async-error
  res.json(await retrySettings(3));
});

app.get('/me', async (req, res) => {
  const user = await remote.verifyToken(req.get('authorization'));
  res.json(user);
});

app.get('/flags/:name', async (req, res) => { // expect: express-async-error
  res.json(await remote.checkFlags(req.params.name));
});

// The method of a class instance made at the call, which never rejects.
app.get('/config', async (req, res) => {
  const config = await new ConfigStore().load();
  res.json(config);
});

// The same class's method that rejects.
app.post('/config', async (req, res) => { // expect: express-async-error
  await new ConfigStore().save(req.body);
  res.sendStatus(204);
});

app.use((err, req, res, next) => {
  res.status(500).json({ error: 'internal error' });
});

module.exports = app;
