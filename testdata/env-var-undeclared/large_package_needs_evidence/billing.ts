import Stripe from 'stripe';
import jwt from 'jsonwebtoken';

const stripeKey = process.env.STRIPE_SECRET_KEY;

export function billingClient(): Stripe | null {
  if (!stripeKey) return null;
  return new Stripe(stripeKey);
}

export function isCloud(): boolean {
  return parseFlag(process.env.IS_CLOUD, false);
}

// The value signs tokens: the app needs it, and no declaration gives it.
export function signInvoice(id: string): string {
  return jwt.sign({ id }, process.env.INVOICE_SIGNING_KEY, { expiresIn: '1h' }); // expect: env-var-undeclared, env-var-unchecked
}

// Reported once in a file, at its first required read.
export function verifyInvoice(token: string) {
  return jwt.verify(token, process.env.INVOICE_SIGNING_KEY); // expect: env-var-unchecked
}
