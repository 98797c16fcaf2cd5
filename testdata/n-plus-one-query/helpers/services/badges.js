const { findOrder } = require('../models/order');

async function badgesFor(ids) {
  const badges = [];
  for (const id of ids) {
    const order = await findOrder(id); // expect: n-plus-one-query
    badges.push(`#${order.id}`);
  }
  return badges;
}

// The same loop, run only by a script: not reported.
async function printBadges(ids) {
  for (const id of ids) {
    console.log(await findOrder(id));
  }
}

module.exports = { badgesFor, printBadges };
