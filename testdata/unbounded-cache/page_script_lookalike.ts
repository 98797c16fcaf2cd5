const nameCache: Record<string, boolean> = {}; // expect: unbounded-cache

export function isValidName(name: string): boolean {
  if (!(name in nameCache)) {
    nameCache[name] = /^[a-z][a-z0-9-]*$/.test(name);
  }
  return nameCache[name];
}

export function attach(target: { window?: { addEventListener: Function } }): void {
  if (typeof window !== 'undefined') window.addEventListener('load', () => highlight(isValidName));
}
