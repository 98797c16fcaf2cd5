import { cleanEnv, str, port } from 'envalid';

export const env = cleanEnv(process.env, {
  JWT_SECRET: str(),
  DATABASE_URL: str(),
  PORT: port({ default: 3000 }),
});
