const express = require('express');
const plugins = require('plugin-loader');

const app = express();
plugins.mountAll(app);
app.post('/signin', (req, res) => res.json(login(req.body)));
app.use((err, req, res, next) => res.status(500).json({ error: "internal" }));

app.listen(8080);
