import * as jwt from 'jsonwebtoken';
import { settings } from './settings';

// jsonwebtoken comes from the workspace root, which declares 8.
export function verify(token: string): unknown {
  return jwt.verify(token, settings.jwtSecret); // expect: jwt-weak-verification
}
