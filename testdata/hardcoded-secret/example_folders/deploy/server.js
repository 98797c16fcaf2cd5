const { Pool } = require('pg');
module.exports = new Pool({ host: 'db', user: 'app', password: 'appsecret9' }); // expect: hardcoded-secret
