import { DataSource } from 'typeorm';
import { createClient } from 'redis';

export const dataSource = new DataSource({
  type: 'postgres',
  url: 'postgres://api:Pg-Api-2024x@postgres.internal:5432/api', // expect: hardcoded-secret
});

export const cache = createClient({
  url: 'rediss://default:Ab12Cd34Ef56@redis.example.net:6380', // expect: hardcoded-secret
});

const config = {
  // expect: hardcoded-secret
  mongoUri: `mongodb+srv://svc:Zq7Wp3Lk@cluster0.ab1cd.mongodb.net/app?retryWrites=true`,
  elastic: 'http://elastic:changeme@es:9200',
  replica: (process.env.REPLICA_URL ?? 'postgres://ro:ro-dev-only@replica/app') as string,
} as const;

export default config;
