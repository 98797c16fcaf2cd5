// Keys from a set the code or the configuration fixes: quiet.
const clientMap: Map<string, object> = new Map();

function getConnectionCacheKey(connection: { id: string; issuer: string }): string {
  return `${connection.id}:${connection.issuer}`;
}

export async function clientFor(req: { cookies: Record<string, string> }): Promise<object> {
  const connection = await lookupConnection(req.cookies.ssoId);
  const cacheKey = getConnectionCacheKey(connection);
  let client = clientMap.get(cacheKey);
  if (!client) {
    client = await makeClient(connection);
    clientMap.set(cacheKey, client);
  }
  return client;
}

const memo: Record<string, string> = {};

export function suffixed(suffix: string): string {
  if (!memo[suffix]) {
    memo[suffix] = `module${suffix}`;
  }
  return memo[suffix];
}

// A key built from configuration metadata whose names only mention a token or a URL in
// passing: quiet.
const jwksCache: Record<string, object> = {};

export function jwksFor(metadata: { jwks_uri: string; id_token_signing_alg_values_supported: string[] }) {
  const algorithms = metadata.id_token_signing_alg_values_supported;
  const cacheKey = JSON.stringify([metadata.jwks_uri, algorithms]);
  if (!jwksCache[cacheKey]) {
    jwksCache[cacheKey] = makeJwks(metadata.jwks_uri, algorithms);
  }
  return jwksCache[cacheKey];
}
