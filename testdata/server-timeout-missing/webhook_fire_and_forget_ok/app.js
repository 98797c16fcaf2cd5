const express = require('express');
const { EventEmitter } = require('events');
const notifyOnUpload = require('./plugins/notify');

const app = express();
const events = new EventEmitter();
notifyOnUpload(events, process.env.UPLOAD_HOOK_URL);

app.post('/uploads', (req, res) => {
  events.emit('uploaded', { size: Number(req.headers['content-length'] || 0) });
  res.status(201).end();
});

app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
app.listen(process.env.PORT || 3000);
