// Most settings are read through the project's own helper and are not in .env.example
// (which lists the required ones only): the fields kept as `undefined` when unset are
// optional features, as in a settings file that reads them all with `process.env`.
import { getEnv, getEnvAsStringArray } from "./env-helpers";

export class Values {
  public readonly databaseUrl = getEnv("DATABASE_URL");
  public readonly trustProxyHeader = getEnv("TRUST_PROXY_HEADER");
  public readonly adminEndpoint = getEnv("ADMIN_ENDPOINT");
  public readonly userDefaultRoles = getEnvAsStringArray("USER_DEFAULT_ROLES");
  public readonly developmentUserId = getEnv("DEVELOPMENT_USER_ID");
  public readonly oidcIssuer = getEnv("OIDC_ISSUER");
  public readonly oidcAudience = getEnv("OIDC_AUDIENCE");
  public readonly auditRetention = getEnv("AUDIT_RETENTION_DAYS");
  public readonly featureFlagsUrl = getEnv("FEATURE_FLAGS_URL");
  public readonly statusApiKey = getEnv("STATUS_API_KEY");
  public readonly metricsToken = getEnv("METRICS_TOKEN");

  /** The write-only key of the analytics integration; unset turns it off. */
  public readonly analyticsKey = process.env.ANALYTICS_PUBLIC_KEY;
  public readonly analyticsHost = process.env.ANALYTICS_PUBLIC_HOST;
}
