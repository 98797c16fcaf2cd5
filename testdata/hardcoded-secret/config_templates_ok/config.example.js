module.exports = { db: { password: 'put-the-password-in-env' }, jwtSecret: 'dev-only-secret' };
