// Values that name something else than a credential stay quiet; credentials beside them fire.
const templateNames = {
  verifyEmail: 'verify_email.html',
  resetPassword: 'password_reset_request.html',
};
const configSigningSecret = 'auth_tokens.jwt.signing.secret';
const masked = { apiSecret: '^\\*+$', name: '^[^*]+\\*+$' };
const defaults = { provider: 'openai', apiKey: 'sk-proj-' };
const localServer = { apiKey: 'EMPTY' };
const labels = { password: 'パスワード', settings: '設定' };

// The look-alikes with a real value still fire.
const mailer = { resetPassword: 'Rq8vN2lx7Rw4' }; // expect: hardcoded-secret
const live = { provider: 'openai', apiKey: 'sk-Vn2Lx7Rw4Kp9Zsq8' }; // expect: hardcoded-secret
const seeded = { password: 'パスワード1234' }; // expect: hardcoded-secret

module.exports = { templateNames, configSigningSecret, masked, defaults, localServer, labels, mailer, live, seeded };

// Patterns and marked words under secret-like names stay quiet.
const REGEX_USER_PASS = 'user=[a-zA-Z0-9_-]+&password=[\\S]+';
const highlightRules = [{ regex: /\$\{\w+\}/, token: '#KEYWORD' }];
const DELETED_TOKEN = '*DELETED*';
// A secret that only looks a little like a marker still fires.
const SHARED_SECRET = '*Vn2Lx7Rw4Kp9*'; // expect: hardcoded-secret
module.exports.more = { REGEX_USER_PASS, highlightRules, DELETED_TOKEN, SHARED_SECRET };
