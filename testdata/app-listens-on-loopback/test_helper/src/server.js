const { app } = require('./app');

const port = 4000;

app.listen(port, 'localhost', () => console.log(`api on ${port}`)); // expect: app-listens-on-loopback
