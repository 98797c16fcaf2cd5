// Loaded from a file the first time it is asked for, while empty: quiet.
const fs = require('fs');

const formats = new Map();

function resourceFormats(path) {
  if (!formats.size) {
    for (const row of JSON.parse(fs.readFileSync(path, 'utf8'))) {
      formats.set(row.userId, row);
    }
  }
  return formats;
}

const byUrl = {};

function urlTable(path) {
  if (Object.keys(byUrl).length === 0) {
    for (const row of JSON.parse(fs.readFileSync(path, 'utf8'))) {
      byUrl[row.url] = row;
    }
  }
  return byUrl;
}

// A check on one key is no "while empty": every new user adds an entry.
const userCache = {}; // expect: unbounded-cache

function userRow(userId) {
  if (!userCache[userId]) {
    userCache[userId] = loadUser(userId);
  }
  return userCache[userId];
}

module.exports = { resourceFormats, urlTable, userRow };
