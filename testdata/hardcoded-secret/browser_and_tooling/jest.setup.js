process.env.JWT_SECRET = 'jest-signing-secret-1234';
process.env.DATABASE_URL = 'postgres://app:app-test-pw@localhost:5432/app_test';
