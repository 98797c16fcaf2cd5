module.exports = connect(process.env.CACHE_URL);
