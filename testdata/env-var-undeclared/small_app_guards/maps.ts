export async function geocode(address: string): Promise<unknown> {
  const apiKey = process.env.MAPS_API_KEY;
  if (!apiKey) {
    return null;
  }
  return fetch(`https://maps.example.com/geocode?q=${address}&key=${apiKey}`);
}

// Kept whole with no default and no check: in a small app the compose file is its whole
// configuration.
export const tilesUrl: string = process.env.TILES_URL as string; // expect: env-var-undeclared
