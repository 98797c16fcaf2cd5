import { createHmac } from 'crypto';

export class GlobalValues {
  public readonly databaseUrl = process.env.DATABASE_URL;
  public readonly secretKey = process.env.SECRET_KEY;
  public readonly mailHost = process.env.MAIL_HOST ?? 'localhost';
  public readonly mailPort = process.env.MAIL_PORT ?? '25';
  public readonly monitoringEmail = process.env.MONITORING_EMAIL;
  public readonly pgpSigner = process.env.PGP_SIGNER;
  public readonly supportHost = process.env.SUPPORT_HOST;
  public readonly supportToken = process.env.SUPPORT_TOKEN;
  public readonly couponId = process.env.COUPON_ID;
  public readonly extraHeader = process.env.EXTRA_HEADER;
  public readonly saveDir = process.env.SAVE_DIR;
  public readonly phoneSecret = process.env.PHONE_SECRET;
}
// Passed to a call of the project's own: nothing says it is needed.
export const uploads = openBucket(process.env.UPLOADS_BUCKET as string);
// Keys an HMAC: the app needs it.
export const uploadSigner = createHmac('sha256', process.env.UPLOADS_SIGNING_KEY as string); // expect: env-var-undeclared, env-var-unchecked
