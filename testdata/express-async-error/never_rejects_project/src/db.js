const sqlite3 = require('sqlite3');

const connection = new sqlite3.Database('catalog.db');

function all(sql, params = []) {
  return new Promise((resolve, reject) => {
    connection.all(sql, params, (err, rows) => (err ? reject(err) : resolve(rows)));
  });
}

module.exports = { all };
