const express = require('express');
const oauth = require('./routes/oauth');
const codes = require('./routes/codes');

const app = express();
app.use(express.json());
app.use(express.urlencoded({ extended: false }));
app.use('/oauth', oauth);
app.use('/account', codes);

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));

app.listen(process.env.PORT || 3000);
