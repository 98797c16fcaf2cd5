// A fallback assigned on the next statement when the variable is unset.
let poolMax = parseInt(process.env.DB_POOL_MAX);
if (!process.env.DB_POOL_MAX) {
  poolMax = 10;
}

// A later `if` that tests something else gives no fallback.
let poolMin = parseInt(process.env.DB_POOL_MIN); // expect: env-var-unchecked
if (poolMax > 100) {
  poolMax = 100;
}

module.exports = { poolMax, poolMin };
