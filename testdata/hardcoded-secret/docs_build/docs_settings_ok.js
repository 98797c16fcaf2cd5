// Settings for the documentation build.
module.exports = { databaseUrl: 'postgres://docs:docs-pass@db/docs', dbPassword: 'docs-pass' };
