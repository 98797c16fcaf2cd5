// Message ids, classifications, type names and store keys under secret-like names.
export const messages = {
  username: 'label.username',
  password: 'label.password',
  newPassword: 'label.new-password',
  incorrectUsernamePassword: 'message.incorrect-username-password',
};

export const fieldVisibility = {
  host: 'public',
  port: 'public',
  password: 'secret',
  privateKey: 'secret',
};

export function goType(node: { properties?: object }) {
  if (!node.properties) {
    return { token: 'map[string]interface{}', comment: 'free-form object' };
  }
  return { token: 'int32' };
}

export const rustType = { token: 'serde_json::Value' };

export const KV_UNSTRUCTURED_API_KEY = 'unstructured_api_key';
export const CA_KEY_SECRET_KEY = 'ca.key';

export const ldap = {
  url: 'ldaps://ldap.example.com',
  rootDN: 'cn=app,ou=system-users,dc=example,dc=com',
  rootPassword: '1234',
};

export const NEW_REFRESH_TOKEN_SESSION_KEY = '_app_new_refresh_token';
export const codegenMappers = { EmbedToken: '@/modules/embed/types#EmbedTokenReturn' };
