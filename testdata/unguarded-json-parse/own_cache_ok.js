const fs = require('fs');
const path = require('path');

function saveState(dir, state) {
  fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify(state));
}

function loadState(dir) {
  return JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8'));
}

module.exports = { saveState, loadState };
