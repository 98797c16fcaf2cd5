// A generic default (`= Value`) and `;` inside the annotation.
const containers: Record<string, <T extends object = Value>(...args: unknown[]) => { at: number; value: T | null }> = {}; // expect: unbounded-cache

export function containerFor(userId: string) {
  if (!containers[userId]) {
    containers[userId] = makeContainer(userId);
  }
  return containers[userId];
}
