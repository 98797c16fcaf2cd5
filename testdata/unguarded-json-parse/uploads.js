// A file the request uploads or names is outside input: reported.
const fs = require('fs');
const path = require('path');

app.post('/import', upload.single('file'), (req, res) => {
  const data = JSON.parse(fs.readFileSync(req.file.path, 'utf8')); // expect: unguarded-json-parse
  res.json(data);
});

app.get('/state', (req, res) => {
  const file = path.join('/srv/state', req.query.name);
  res.json(JSON.parse(fs.readFileSync(file, 'utf8'))); // expect: unguarded-json-parse
});
