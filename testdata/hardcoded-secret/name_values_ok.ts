// Values under secret-like keys that name things rather than hold a credential.
export const TableAccessToken = 'access_token';
export const INVALID_REFRESH_TOKEN = 'auth/invalid_refresh_token' as const;
export const methodForAccessToken = 'provider.system.oauth.token';
const reloadSessionKey = 'chunkReload';
const LANGUAGE_SESSION_KEY = 'preferred-language';

export const csrf = { sessionKey: 'csrfToken', headerName: 'x-csrf-token' };

// A syntax highlighter's rules: `token` is a token type.
export const highlightRules = [
  { token: 'comment', regex: '#.*$' },
  { token: 'keyword', regex: '\\b(query|mutation)\\b' },
];

// A sentinel stored in place of a token.
storage.token = 'autoLogin';

// Analytics event names keyed by action.
export const EVENTS = {
  sign_in_with_password: 'sign_in_with_password',
  forgot_password: 'forgot_password_clicked',
  sign_up_with_password: 'sign_up_with_password',
  magic_code: 'magic_code_requested',
};

// Environment variable names mapped to configuration keys.
export const envToConfig = {
  APP_PORT: 'port',
  APP_ADMIN_USERNAME: 'admin:username',
  APP_ADMIN_PASSWORD: 'admin:password',
  APP_DB_HOST: 'host',
  APP_DB_PASSWORD: 'password',
};
// Plain words under an API key name label the caller; no key is checked against them.
export const anonymousPrincipal = { apiKey: 'anonymous-caller', role: 'viewer' };
