module.exports = { admin: { email: 'admin@seerr.dev', password: 'test1234' } }; // expect: hardcoded-secret
