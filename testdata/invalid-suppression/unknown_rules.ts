import https from 'https';

// expect: invalid-suppression, tls-verify-disabled
export const agent = new https.Agent({ rejectUnauthorized: false }); // backlint-ignore tls-verify -- typo: the finding stays

// expect: invalid-suppression
// backlint-ignore-next-line sql-injection
export const total = (n: number): number => n * 2;
