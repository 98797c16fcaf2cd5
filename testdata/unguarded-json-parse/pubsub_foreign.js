// A channel other programs publish on: reported.
const { pubSub } = require('./pubsub');

function watchOrders(onOrder) {
  pubSub.on('message', (channel, message) => {
    const order = JSON.parse(message); // expect: unguarded-json-parse
    onOrder(order);
  });
}

module.exports = { watchOrders };
