module.exports = { token: process.env.A_TOKEN };
