const profileCache = new Map<string, object>(); // expect: unbounded-cache

export async function profileFor(userId: string, language: string): Promise<object> {
  const key = `${userId}:${language}`;
  const cached = profileCache.get(key);
  if (cached) {
    return cached;
  }
  const profile = await loadProfile(userId, language);
  profileCache.set(key, profile);
  return profile;
}
