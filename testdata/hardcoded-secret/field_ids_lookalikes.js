// Credentials shaped a little like ids, classifications or type names are still reported.
const db = { host: 'db.internal', user: 'app', password: 'secret' }; // expect: hardcoded-secret
const admin = { password: 'p4ss.word' }; // expect: hardcoded-secret
const API_KEY = 'api_key'; // expect: hardcoded-secret
const SECRET_KEY = 'secret_key_value'; // expect: hardcoded-secret
const ldap = { url: 'ldaps://ldap.corp.internal', rootPassword: '1234' }; // expect: hardcoded-secret
const SESSION_KEY = '_k9Lq2Vx7Nw4'; // expect: hardcoded-secret
const mappers = { apiToken: '~k9Lq2Vx7Nw4' }; // expect: hardcoded-secret
