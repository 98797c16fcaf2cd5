const nameCache: Record<string, boolean> = {}; // expect: unbounded-cache

export function isValidUsername(username: string): boolean {
  if (!(username in nameCache)) {
    nameCache[username] = /^[a-z][a-z0-9-]*$/.test(username);
  }
  return nameCache[username];
}

export function attach(target: { window?: { addEventListener: Function } }): void {
  if (typeof window !== 'undefined') window.addEventListener('load', () => highlight(isValidUsername));
}
