import jwt from 'jsonwebtoken';

export const issue = (id: string) => jwt.sign({ id }, process.env.JWT_SECRET as string, { expiresIn: '1h' });

// No check names this one.
export const verifyRefresh = (token: string) => jwt.verify(token, process.env.REFRESH_SECRET as string); // expect: env-var-unchecked
