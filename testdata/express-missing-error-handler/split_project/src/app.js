const express = require('express');
const helmet = require('helmet');
const users = require('./routes/users');
const orders = require('./routes/orders');

const app = express();
app.use(helmet());
app.use(express.json());
app.use('/users', users);
app.use('/orders', orders);
app.use(require('./middleware/notFound'));
app.use(require('./middleware/errors'));

module.exports = app;
