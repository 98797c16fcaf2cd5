export default {
  env: { ADMIN_EMAIL: 'admin@seerr.dev', ADMIN_PASSWORD: 'test1234' },
};
