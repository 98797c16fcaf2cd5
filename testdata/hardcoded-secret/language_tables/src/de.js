// Not a translation folder: a password here is a password.
module.exports = { db: { user: 'app', password: 'Passw0rtDe' } }; // expect: hardcoded-secret
