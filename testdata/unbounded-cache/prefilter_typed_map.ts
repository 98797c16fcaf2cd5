const userCache: Map<string, { at: number; load: () => Promise<User> }> = new Map(); // expect: unbounded-cache

export function remember(id: string, user: User) {
  userCache.set(id, user);
}
