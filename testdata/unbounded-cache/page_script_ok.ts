const nameCache: Record<string, boolean> = {};

export function isValidName(name: string): boolean {
  if (!(name in nameCache)) {
    nameCache[name] = /^[a-z][a-z0-9-]*$/.test(name);
  }
  return nameCache[name];
}

window.addEventListener('load', () => highlight(isValidName));
