// Compared where it is read: NaN makes `> 0` false, so the default window stays.
function authWindow() {
  let windowMs = 15 * 60 * 1000;
  if (parseInt(process.env.AUTH_WINDOW_MS, 10) > 0) {
    windowMs = parseInt(process.env.AUTH_WINDOW_MS, 10);
  }
  return windowMs;
}

// Converted and used as it is: NaN reaches the timer.
function pollEvery(fn) {
  return setInterval(fn, Number(process.env.POLL_INTERVAL_MS)); // expect: env-var-unchecked
}

module.exports = { authWindow, pollEvery };
