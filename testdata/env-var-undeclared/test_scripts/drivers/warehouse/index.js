function connectOptions(connection) {
  return {
    project: connection.project,
    region: process.env.WAREHOUSE_REGION, // expect: env-var-undeclared
  };
}

module.exports = { connectOptions };
