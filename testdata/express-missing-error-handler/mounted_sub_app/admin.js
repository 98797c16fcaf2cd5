// A sub-application: its unhandled errors go on to the app it is mounted on.
const express = require('express');

const admin = express();
admin.get('/stats', (req, res) => res.json({ users: 42 }));

module.exports = admin;
