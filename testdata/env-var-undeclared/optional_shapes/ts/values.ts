export class Values {
  // Tested by the next field: HTTPS is on only when both are set.
  public readonly httpsCert = process.env.HTTPS_CERT_PATH;
  public readonly httpsKey = process.env.HTTPS_KEY_PATH;
  public readonly isHttpsEnabled = Boolean(this.httpsCert && this.httpsKey);

  // Used by the next field as if present.
  public readonly region = process.env.BUCKET_REGION; // expect: env-var-undeclared
  public readonly bucketUrl = `https://s3.${this.region}.amazonaws.com`;
}

const useSso = process.env.SSO_ENABLED === '1';
export const ssoIssuer = useSso ? process.env.SSO_ISSUER : undefined;
const isStaging = process.env.NODE_ENV === 'staging';
export const stagingBanner = isStaging ? process.env.STAGING_BANNER : ''; // expect: env-var-undeclared
