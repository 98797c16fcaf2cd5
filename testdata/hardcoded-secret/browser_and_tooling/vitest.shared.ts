// Settings every package's tests share: they point at the local test containers.
export const sharedTestConfig = {
  env: {
    DATABASE_URL: 'postgresql://postgres:postgres@localhost:5432/postgres',
    ADMIN_PASSWORD: 'test1234',
  },
};
