const config = { sessionSecret: 'kz8Lq2Vx7Nw4', adminPassword: 'Vq8Lx2Nw7Kz' };
module.exports = config;
