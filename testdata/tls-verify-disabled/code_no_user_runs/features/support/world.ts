// Cucumber's support code: the world the steps run in. Quiet.
import https from 'https';

export const stepsAgent = new https.Agent({ rejectUnauthorized: false });
