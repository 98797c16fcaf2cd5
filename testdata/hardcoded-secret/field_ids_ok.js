// Message ids, classifications, type names and store keys under secret-like names.
const messages = {
  username: 'label.username',
  password: 'label.password',
  newPassword: 'label.new-password',
  incorrectUsernamePassword: 'message.incorrect-username-password',
};

const fieldVisibility = {
  host: 'public',
  port: 'public',
  password: 'secret',
  privateKey: 'secret',
};

function goType(node) {
  if (!node.properties) {
    return { token: 'map[string]interface{}', comment: 'free-form object' };
  }
  return { token: 'int32' };
}

const rustType = { token: 'serde_json::Value' };

const KV_UNSTRUCTURED_API_KEY = 'unstructured_api_key';
const CA_KEY_SECRET_KEY = 'ca.key';

const ldap = {
  url: 'ldaps://ldap.example.com',
  rootDN: 'cn=app,ou=system-users,dc=example,dc=com',
  rootPassword: '1234',
};
const NEW_REFRESH_TOKEN_SESSION_KEY = '_app_new_refresh_token';
const codegenMappers = { EmbedToken: '@/modules/embed/types#EmbedTokenReturn' };

module.exports = {
  messages,
  fieldVisibility,
  goType,
  rustType,
  ldap,
  NEW_REFRESH_TOKEN_SESSION_KEY,
  codegenMappers,
};
