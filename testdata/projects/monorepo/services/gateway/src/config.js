const requiredEnvVars = ['SESSION_SECRET'];
for (const name of requiredEnvVars) {
  if (!process.env[name]) {
    console.error(`missing environment variable ${name}`);
    process.exit(1);
  }
}
