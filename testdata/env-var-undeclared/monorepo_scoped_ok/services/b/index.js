module.exports = { key: process.env.B_KEY };
