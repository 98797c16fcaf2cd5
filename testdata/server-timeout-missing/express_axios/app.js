const express = require('express');
const weather = require('./routes/weather');

const app = express();
app.use(express.json());
app.use('/api/weather', weather);

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(process.env.PORT || 3000, () => console.log('listening')); // expect: server-timeout-missing
