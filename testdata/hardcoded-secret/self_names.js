// Credentials that look like the cases beside them are still reported.
const ID_PREFIXES = {
  secret: 's3cr3t-value-', // expect: hardcoded-secret
};

const END_TOKEN = '[a9f3c2e1b7d4+x]'; // expect: hardcoded-secret

const SESSION_KEY = 'musicbrainz-9f3c2e1b'; // expect: hardcoded-secret

function sign(session, hmac) {
  session.key = hmac(SESSION_KEY);
}

const credentials = {
  clientId: 'bot-context',
  clientSecret: 'bot-context-44', // expect: hardcoded-secret
};

module.exports = { ID_PREFIXES, END_TOKEN, sign, credentials };
