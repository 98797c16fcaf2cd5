const axios = require('axios');

// One client for every upstream call, with a deadline.
axios.defaults.timeout = 10000;

module.exports = axios;
