function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`missing environment variable ${name}`);
  }
  return value;
}

module.exports = {
  jwtSecret: required('JWT_SECRET'),
  databaseUrl: required('DATABASE_URL'),
};
