const EventEmitter = require('events');

const bus = new EventEmitter();

app.get('/api/stream', (req, res) => {
  const handler = (data) => {
    res.write(JSON.stringify(data) + '\n');
  };
  bus.on('data', handler); // expect: listener-leak@warning
});

// The seed's fix: removed when the client disconnects.
app.get('/api/stream-clean', (req, res) => {
  const handler = (data) => {
    res.write(JSON.stringify(data) + '\n');
  };
  bus.on('data', handler);
  req.on('close', () => {
    bus.removeListener('data', handler);
  });
});

// Look-alike: an emitter created for this request.
app.get('/api/stream-local', (req, res) => {
  const emitter = new EventEmitter();
  emitter.on('data', (data) => res.write(JSON.stringify(data) + '\n'));
  req.on('close', () => res.end());
  startDataStream(emitter);
});

router.post('/api/upload', (req, res) => {
  process.on('uncaughtException', (err) => res.status(500).end(String(err))); // expect: listener-leak, error-details-leak
  req.pipe(parser).on('finish', () => res.end());
});

// Look-alike: registered once at startup.
bus.on('data', (d) => console.log(d));
