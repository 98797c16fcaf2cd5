const port = process.env.PORT;
const webhook = process.env.ALERT_WEBHOOK_URL; // expect: env-var-undeclared
module.exports = { port, webhook };
