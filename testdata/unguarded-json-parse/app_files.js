const fs = require('fs');
const path = require('path');

function readUserFile(req) {
  // expect: unguarded-json-parse
  return JSON.parse(fs.readFileSync(path.join('/uploads', req.params.name), 'utf8'));
}

// The operator's own file, named on the command line: a broken one should stop the run.
function readArgFile() {
  return JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
}

function readState(req) {
  // expect: unguarded-json-parse
  return JSON.parse(fs.readFileSync(req.query.file, 'utf8'));
}

function sometimesCaught(req) {
  try {
    return readState(req);
  } catch (err) {
    return {};
  }
}

function neverCaught(req) {
  return readState(req);
}

channel.consume('orders', (msg) => {
  const record = lookup(msg);
  // expect: unguarded-json-parse
  handle(JSON.parse(record.data));
  // expect: unguarded-json-parse
  handle(JSON.parse(msg.content.toString()));
});

function parseLater(body) {
  return later(() => JSON.parse(body));
}

module.exports = { readUserFile, readArgFile, sometimesCaught, neverCaught, parseLater };
