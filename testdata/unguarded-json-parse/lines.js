const fs = require('fs');
const readline = require('readline');

function readJsonl(path) {
  const text = fs.readFileSync(path, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line)); // expect: unguarded-json-parse
}

function loop(path) {
  const text = fs.readFileSync(path, 'utf8');
  const out = [];
  for (const line of text.split('\n')) out.push(JSON.parse(line)); // expect: unguarded-json-parse
  return out;
}

function viaLines(path) {
  const lines = fs.readFileSync(path).toString().trim().split(/\r?\n/);
  return lines.map(function (l) { return JSON.parse(l); }); // expect: unguarded-json-parse
}

async function stream(path) {
  const rl = readline.createInterface({ input: fs.createReadStream(path) });
  for await (const line of rl) {
    console.log(JSON.parse(line)); // expect: unguarded-json-parse
  }
}

module.exports = { readJsonl, loop, viaLines, stream };
