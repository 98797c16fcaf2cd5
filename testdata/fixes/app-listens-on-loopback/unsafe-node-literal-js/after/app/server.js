const express = require('express');

const app = express();
app.get('/health', (req, res) => res.send('ok'));

app.listen(8000, '0.0.0.0', () => console.log('listening'));
