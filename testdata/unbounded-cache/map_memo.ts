const profileCache = new Map<string, Profile>(); // expect: unbounded-cache

export async function getProfile(id: string): Promise<Profile> {
  const hit = profileCache.get(id);
  if (hit) return hit;
  const profile = await fetchProfile(id);
  profileCache.set(id, profile);
  return profile;
}

export const seenTokens: Set<string> = new Set(); // expect: unbounded-cache

export function markSeen(token: string): boolean {
  if (seenTokens.has(token)) return false;
  seenTokens.add(token);
  return true;
}

// Look-alike: a size check bounds it.
const rateCache = new Map<string, number>();

export function hit(ip: string): number {
  if (rateCache.size > 10_000) {
    rateCache.clear();
  }
  const n = (rateCache.get(ip) ?? 0) + 1;
  rateCache.set(ip, n);
  return n;
}

// Look-alike: constant keys only.
const stats: Record<string, number> = {};

export function bump(): void {
  stats['requests'] = (stats['requests'] ?? 0) + 1;
}

// Look-alike: the function has its own local map.
const names = new Map<string, string>();

export function localOnly(ids: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const id of ids) {
    names.set(id, id.toUpperCase());
  }
  return names;
}
