// A generic default (`= Value`) and `;` inside the annotation.
const containers: Record<string, <T extends object = Value>(...args: unknown[]) => { at: number; value: T | null }> = {}; // expect: unbounded-cache

export function containerFor(namespace: string) {
  if (!containers[namespace]) {
    containers[namespace] = makeContainer(namespace);
  }
  return containers[namespace];
}
