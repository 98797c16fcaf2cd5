const { DATABASE_URL, REDIS_URL, S3_BUCKET, CACHE_TTL = '60' } = process.env; // expect: env-var-undeclared

export const settings = {
  databaseUrl: DATABASE_URL,
  redisUrl: REDIS_URL,
  bucket: S3_BUCKET,
  ttl: Number(CACHE_TTL),
  logLevel: process.env.LOG_LEVEL,
  region: process.env.AWS_REGION,
  ci: process.env.CI === 'true',
  home: process.env.HOME,
};
