// A batch write per group (`bulkCreate`, `insertMany`, `createMany`) writes the group's rows
// in one statement: not one query per row. A single-row write per item is still reported.
const { Line, Order } = require('./models');

async function copyLines() {
  const orders = await Order.findAll({ where: { open: true } });
  for (const order of orders) {
    await Line.bulkCreate(order.skus.map((sku) => ({ orderId: order.id, sku })));
  }
}

async function archiveGroups(db, groups) {
  for (const group of groups) {
    await db.collection('archive').insertMany(group.documents);
  }
}

async function createLines() {
  const orders = await Order.findAll({ where: { open: true } });
  for (const order of orders) {
    await Line.create({ orderId: order.id, sku: order.sku }); // expect: n-plus-one-query
  }
}

module.exports = { copyLines, archiveGroups, createLines };
