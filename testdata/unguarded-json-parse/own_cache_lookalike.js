const fs = require('fs');
const path = require('path');

function loadState(req) {
  return JSON.parse(fs.readFileSync(path.join(req.query.dir, 'state.json'), 'utf8')); // expect: unguarded-json-parse
}

module.exports = { loadState };
