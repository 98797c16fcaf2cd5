// Files the application ships or its operator supplies: a helper given a path, a path from
// the command line or the environment, a template directory. A malformed one is a broken
// deployment that should stop the run, not bad input to answer: quiet.
const fs = require('fs');
const { readFile } = require('fs/promises');
const path = require('path');

function loadExportFile(filePath) {
  return JSON.parse(fs.readFileSync(filePath, 'utf8'));
}

async function importFromFile(file) {
  const content = await readFile(file, 'utf8');
  return JSON.parse(content);
}

async function loadSupplements(paths) {
  return Promise.all(paths.map(async (p) => JSON.parse(await readFile(p, 'utf8'))));
}

function loadTemplate(templateDir, name) {
  return JSON.parse(fs.readFileSync(path.join(templateDir, `${name}.json`), 'utf8'));
}

if (process.env.IMPORT_FILE) {
  importFromFile(process.env.IMPORT_FILE);
}

module.exports = { loadExportFile, importFromFile, loadSupplements, loadTemplate };
