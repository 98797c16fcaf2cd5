const fs = require('fs');

const DEFAULTS = JSON.parse('{"retries": 3, "timeout": 1000}');

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

function roundTrip(order) {
  const text = JSON.stringify(order);
  return JSON.parse(text);
}

channel.consume('orders', (msg) => {
  let order;
  try {
    order = JSON.parse(msg.content.toString());
  } catch (err) {
    channel.nack(msg, false, false);
    return;
  }
  handleOrder(order);
});

function readAll(paths) {
  try {
    return paths.map((p) => JSON.parse(fs.readFileSync(p, 'utf8')));
  } catch (err) {
    return [];
  }
}

// A helper's parameter: its origin is not visible here.
function parse(text) {
  return JSON.parse(text);
}

module.exports = { DEFAULTS, clone, roundTrip, readAll, parse };
