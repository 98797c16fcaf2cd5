const session = require('express-session');

// A nested option of a call that is not a schema: the value is used unchecked.
app.use(
  session({
    store: makeStore(),
    cookie: { secure: true },
    secret: process.env.COOKIE_SIGNING_SECRET, // expect: env-var-unchecked
  }),
);
