const config = { adminPassword: 'Vq8Lx2Nw7Kz' }; // expect: hardcoded-secret
module.exports = config;
