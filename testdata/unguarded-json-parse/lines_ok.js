const fs = require('fs');

function guarded(path) {
  const text = fs.readFileSync(path, 'utf8');
  try {
    return text.split('\n').map((line) => JSON.parse(line));
  } catch (e) {
    return [];
  }
}

function guardedLoop(path) {
  const out = [];
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    try {
      out.push(JSON.parse(line));
    } catch {
      // skip a bad line
    }
  }
  return out;
}

function literal() {
  return ['{"a":1}', '[]'].map((s) => JSON.parse(s));
}

function produced(items) {
  const text = items.map((i) => JSON.stringify(i)).join('\n');
  return text.split('\n').map((line) => JSON.parse(line));
}

function loopLiterals() {
  for (const s of ['{}', '[]']) JSON.parse(s);
}

// The index, not the line, is what the callback's second parameter holds.
function indexes(path) {
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  return lines.map((line, i) => JSON.parse(String(i)));
}

module.exports = { guarded, guardedLoop, literal, produced, loopLiterals, indexes };
