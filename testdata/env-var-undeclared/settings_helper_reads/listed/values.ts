// Here .env.example lists the settings the helper reads: a setting missing from it is a gap.
import { getEnv } from "./env-helpers";

export class Values {
  public readonly databaseUrl = getEnv("DATABASE_URL");
  public readonly sessionSecret = getEnv("SESSION_SECRET");
  public readonly smtpHost = getEnv("SMTP_HOST");
  public readonly smtpPort = getEnv("SMTP_PORT");
  public readonly smtpUser = getEnv("SMTP_USER");
  public readonly smtpPassword = getEnv("SMTP_PASSWORD");
  public readonly storageBucket = getEnv("STORAGE_BUCKET");
  public readonly storageRegion = getEnv("STORAGE_REGION");
  public readonly cacheUrl = getEnv("CACHE_URL");
  public readonly logLevel = getEnv("LOG_LEVEL");

  public readonly webhookSigningKey = process.env.WEBHOOK_SIGNING_KEY; // expect: env-var-undeclared
}
