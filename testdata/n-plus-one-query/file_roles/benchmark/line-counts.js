// A benchmark measures the code; no request runs it, and its loops are the measurement.
const { Line, Order } = require('../src/models');

async function run() {
  const orders = await Order.findAll();
  for (const order of orders) {
    await Line.count({ where: { orderId: order.id } });
  }
}

run();
