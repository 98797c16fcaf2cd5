const listEndpoints = require('express-list-endpoints');

module.exports = function printRoutes(app) {
  for (const endpoint of listEndpoints(app)) {
    console.log(endpoint.methods.join(','), endpoint.path);
  }
};
