// Tested before each use: `&&` and `!` see NaN as falsy.
function maxUploads(count) {
  const MAX_UPLOADS = parseInt(process.env.MAX_UPLOADS, 10);
  if (!MAX_UPLOADS) return true;
  return MAX_UPLOADS && count < MAX_UPLOADS;
}

// Used as it is: a missing variable makes every comparison false.
function retries() {
  const RETRIES = parseInt(process.env.RETRIES, 10); // expect: env-var-unchecked
  return Array.from({ length: RETRIES });
}

module.exports = { maxUploads, retries };
