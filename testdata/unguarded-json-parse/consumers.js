const amqp = require('amqplib');
const { Kafka } = require('kafkajs');
const WebSocket = require('ws');
const Redis = require('ioredis');

async function start() {
  const connection = await amqp.connect(process.env.AMQP_URL); // expect: env-var-unchecked
  const channel = await connection.createChannel();
  await channel.consume('orders', (msg) => {
    const order = JSON.parse(msg.content.toString()); // expect: unguarded-json-parse
    handleOrder(order);
    channel.ack(msg);
  });

  const consumer = new Kafka({ brokers: ['kafka:9092'] }).consumer({ groupId: 'billing' });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      const event = JSON.parse(message.value.toString()); // expect: unguarded-json-parse
      await bill(event);
    },
  });

  const wss = new WebSocket.Server({ port: 8080 });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const command = JSON.parse(data); // expect: unguarded-json-parse
      dispatch(ws, command);
    });
  });

  const subscriber = new Redis();
  subscriber.subscribe('notifications');
  subscriber.on('message', (channelName, message) => {
    const note = JSON.parse(message); // expect: unguarded-json-parse
    notify(note);
  });
}

start();
