import jwt from 'jsonwebtoken';
import { readFileSync } from 'fs';

// A default for a setting that signs nothing.
const { APP_NAME = 'backlint-demo' } = process.env;
const signingKey = readFileSync('/run/secrets/signing_key', 'utf8');

export const issue = (id: string) => jwt.sign({ sub: id, app: APP_NAME }, signingKey);
