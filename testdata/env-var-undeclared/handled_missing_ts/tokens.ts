import crypto from 'node:crypto';
import jwt from 'jsonwebtoken';

export function initSecrets(): void {
  process.env['INVITE_SECRET'] ??= crypto.randomBytes(32).toString('hex');
}

export const invite = (id: string) => jwt.sign({ id }, process.env.INVITE_SECRET as string, { expiresIn: '1d' });

// Nothing in the app sets this one.
export const refresh = (t: string) => jwt.verify(t, process.env.REFRESH_SECRET as string); // expect: env-var-undeclared, env-var-unchecked

// A cache whose settings are read only when it is enabled.
export const cache = {
  enabled: !!process.env.CACHE_HOSTS,
  shards: parseInt(process.env.CACHE_SHARDS as string, 10),
};

// No switch beside it: the number is NaN when the variable is missing.
export const maxBody = Number(process.env.MAX_BODY_KB) * 1024; // expect: env-var-undeclared, env-var-unchecked

const parseFlag = (value: string | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'true';

// The helper's second argument is the default of an unset variable.
export const auditLog = parseFlag(process.env.AUDIT_LOG, false);
export const region = process.env.STORAGE_REGION; // expect: env-var-undeclared
