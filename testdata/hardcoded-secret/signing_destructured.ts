import jwt from 'jsonwebtoken';

// expect: hardcoded-secret
const { TOKEN_KEY = 'change this secret' } = process.env;

export const issue = (id: string) => jwt.sign({ sub: id }, TOKEN_KEY);
