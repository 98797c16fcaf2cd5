// Verification is off only after a guard clause let the operator's opt-out through.
import https from 'https';

function storageAgent(config: { storage: { verifyTls?: boolean; endpoint: string } }) {
  if (config.storage.verifyTls !== false) {
    return undefined;
  }
  return new https.Agent({ rejectUnauthorized: false });
}

// An option named for allowing the certificates verification rejects.
const mailTls = process.env.ALLOW_UNAUTHORIZED_CERTS ? { rejectUnauthorized: false } : undefined;

export { storageAgent, mailTls };
