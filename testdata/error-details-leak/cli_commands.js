const { program } = require('commander');
const express = require('express');

program.command('install <name>').action(async (name) => {
  try {
    await installPlugin(name);
  } catch (err) {
    console.error(`Failed to install ${name}: ${err.message}`);
    process.exitCode = 1;
  }
});

const app = express();
app.post('/plugins/:name', async (req, res) => {
  try {
    await installPlugin(req.params.name);
    res.json({ ok: true });
  } catch (err) {
    res.status(500).json({ error: err.message }); // expect: error-details-leak
  }
});

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});
