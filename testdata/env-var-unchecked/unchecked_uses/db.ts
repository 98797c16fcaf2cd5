import { Pool } from 'pg';
import Redis from 'ioredis';
import { PrismaClient } from '@prisma/client';

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL, // expect: env-var-unchecked
  max: 10,
});

export const redis = new Redis(process.env.REDIS_CACHE_URL!); // expect: env-var-unchecked

export const prisma = new PrismaClient({
  datasources: { db: { url: process.env.PRISMA_DATABASE_URL } }, // expect: env-var-unchecked
});

export const sentry = { dsn: process.env.SENTRY_DSN };
