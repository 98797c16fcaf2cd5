// The test run checks its own environment; that check does not run when the app starts, so
// src/auth.js is still reported.
for (const name of ['JWT_SECRET', 'DATABASE_URL']) {
  if (!process.env[name]) {
    console.error(`${name} is required to run the tests`);
    process.exit(1);
  }
}
