// Requests an API with a literal password: no load-testing framework here.
const http = require('http');

const password = 'load-test-pass'; // expect: hardcoded-secret

module.exports = () => http.request({ path: '/login', headers: { password } });
