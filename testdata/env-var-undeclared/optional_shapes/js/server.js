// A feature switch kept in a module constant.
const useLdap = process.env.LDAP_AUTH === 'true';
if (useLdap) {
  connectLdap(process.env.LDAP_SERVER_URI);
}
// A choice of environment is no switch.
const isProduction = process.env.NODE_ENV === 'production';
if (isProduction) {
  useCdn(process.env.CDN_HOST); // expect: env-var-undeclared
}

// The other branch is null: the consumer handles it missing.
const hostEnv = isWindows ? null : process.env.BIND_HOST;
// Candidates ending with a literal used when none is set.
const port = [args.port, process.env.APP_PORT, 3001].map(Number).find((p) => !isNaN(p));
// A list without a literal fallback gives nothing when none is set.
const workers = [args.workers, process.env.WORKERS].find(Boolean); // expect: env-var-undeclared

// Reads while looking at whatever the environment holds.
Object.entries(process.env).forEach(([name, value]) => {
  if (name.startsWith('PLUGIN_')) {
    register(process.env.PLUGIN_ROOT, value);
  }
});

module.exports = { hostEnv, port, workers };
