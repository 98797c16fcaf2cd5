// Maps of column names, field names and labels: each value names its key.
export const UserColumns = { password: 'password', resetToken: 'reset_token', apiKey: 'api_key' } as const;

export const UserScalarFieldEnum = {
  id: 'id',
  email: 'email',
  password: 'password',
  accessToken: 'accessToken',
  refreshToken: 'refreshToken',
  createdAt: 'createdAt',
} as const;

export const AccountColumn = Object.freeze({
  ID: 'id',
  USER_ID: 'user_id',
  ACCESS_TOKEN: 'access_token',
  CLIENT_SECRET: 'client_secret',
  PROVIDER: 'provider',
});

export const formLabels = {
  email: 'Email address',
  password: 'Password',
  confirmPassword: 'Confirm password',
  submit: 'Create account',
};

export const operationNames = {
  login: 'login',
  logout: 'logout',
  forgotPassword: 'forgotPassword',
  resetPassword: 'resetPassword',
  find: 'read',
};
