const fs = require('fs');
const path = require('path');

function loadState(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')); // expect: unguarded-json-parse
}

module.exports = { loadState };
