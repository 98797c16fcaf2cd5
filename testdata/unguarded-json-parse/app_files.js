const fs = require('fs');
const path = require('path');

function readUserFile(name) {
  // expect: unguarded-json-parse
  return JSON.parse(fs.readFileSync(path.join('/uploads', name), 'utf8'));
}

function readArgFile() {
  // expect: unguarded-json-parse
  return JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
}

function readState(file) {
  // expect: unguarded-json-parse
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function sometimesCaught() {
  try {
    return readState(process.argv[2]);
  } catch (err) {
    return {};
  }
}

function neverCaught() {
  return readState(process.argv[3]);
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
