// The switch follows the connection's sslmode or a verify option: quiet, in every branch.
function sslOptions(connection) {
  let ssl;
  switch (connection.sslMode) {
    case 'verify-full':
      ssl = { rejectUnauthorized: true, ca: connection.ca };
      break;
    case 'require':
      ssl = { rejectUnauthorized: false };
      break;
    default:
      ssl = { require: true, rejectUnauthorized: false };
      break;
  }
  return ssl;
}

function agentOptions(options) {
  if (options.verifyCertificates) {
    return { ca: options.ca };
  } else {
    return { rejectUnauthorized: false };
  }
}

module.exports = { sslOptions, agentOptions };

// The cases are libpq's sslmode values, whatever the setting is called.
function poolSsl(config) {
  switch (config.ssl) {
    case 'verify-full':
      return { rejectUnauthorized: true };
    case 'prefer':
      return { rejectUnauthorized: false };
    default:
      return { require: true, rejectUnauthorized: false };
  }
}

function mysqlSsl(connection) {
  const ssl = {};
  if (connection.mysqlSkipValidateServerCert) {
    ssl.rejectUnauthorized = false;
  }
  return ssl;
}

module.exports.poolSsl = poolSsl;
module.exports.mysqlSsl = mysqlSsl;
