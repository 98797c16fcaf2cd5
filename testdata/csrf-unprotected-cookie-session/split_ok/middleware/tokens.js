const { doubleCsrf } = require('csrf-csrf');

const { doubleCsrfProtection } = doubleCsrf({ getSecret: () => settings.csrfSecret });

exports.protect = doubleCsrfProtection;
