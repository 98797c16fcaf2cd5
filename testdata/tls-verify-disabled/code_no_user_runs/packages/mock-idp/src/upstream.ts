// A member package that describes itself as a mock for the e2e tests: its servers are
// test targets, not the product. Quiet.
import https from 'https';

export const selfSignedAgent = new https.Agent({ rejectUnauthorized: false });
