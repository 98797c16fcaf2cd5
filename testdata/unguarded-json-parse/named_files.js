// Files the application or its tooling writes under a fixed name, and JSON APIs: quiet.
// A file the request names or uploads, and a file host: reported.
const fs = require('fs');
const path = require('path');

const languagesPath = path.join(__dirname, 'languages');

function readManifest(file = './build/manifest.json') {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function readThemeConfig(themesDir, id) {
  const configPath = path.resolve(path.join(themesDir, id, 'theme.json'));
  return JSON.parse(await fs.promises.readFile(configPath, 'utf8'));
}

async function readLanguage(language) {
  const languageFile = path.join(languagesPath, `${language}.json`);
  if (!languageFile.startsWith(languagesPath)) {
    throw new Error('invalid language');
  }
  return JSON.parse(await fs.promises.readFile(languageFile, 'utf8'));
}

async function whoAmI(token) {
  const res = await fetch(`https://api.example.com/v1/me?token=${token}`);
  return JSON.parse(await res.text());
}

function readUpload(req) {
  return JSON.parse(fs.readFileSync(req.file.path, 'utf8')); // expect: unguarded-json-parse
}

async function fetchRelease(version) {
  const res = await fetch(`https://files.example.com/releases/${version}.json`);
  return JSON.parse(await res.text()); // expect: unguarded-json-parse
}

module.exports = { readManifest, readThemeConfig, readLanguage, whoAmI, readUpload, fetchRelease };
