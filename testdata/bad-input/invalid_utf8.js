const a = 1;
// ÿþ invalid bytes in a comment
const agent = new https.Agent({ ca, rejectUnauthorized: false }); // expect: tls-verify-disabled
