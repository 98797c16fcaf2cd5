const fs = require('fs');
const readline = require('readline');

function readJsonl(req) {
  const text = fs.readFileSync(req.query.path, 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line)); // expect: unguarded-json-parse
}

function loop(req) {
  const text = fs.readFileSync(req.query.path, 'utf8');
  const out = [];
  for (const line of text.split('\n')) out.push(JSON.parse(line)); // expect: unguarded-json-parse
  return out;
}

function viaLines(req) {
  const lines = fs.readFileSync(req.query.path).toString().trim().split(/\r?\n/);
  return lines.map(function (l) { return JSON.parse(l); }); // expect: unguarded-json-parse
}

async function stream(req) {
  const rl = readline.createInterface({ input: fs.createReadStream(req.query.path) });
  for await (const line of rl) {
    console.log(JSON.parse(line)); // expect: unguarded-json-parse
  }
}

module.exports = { readJsonl, loop, viaLines, stream };
