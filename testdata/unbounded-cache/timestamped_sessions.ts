const sessions: Record<string, { userId: string; createdAt: number }> = {}; // expect: unbounded-cache

export function login(token: string, userId: string): void {
  sessions[token] = { userId, createdAt: Date.now() };
}

// Look-alike: the log is filtered down to the entries younger than a minute.
let auditLog: { ip: string; at: number }[] = [];

export function audit(ip: string): void {
  auditLog.push({ ip, at: Date.now() });
}

export function prune(): void {
  const cutoff = Date.now() - 60_000;
  auditLog = auditLog.filter((e) => e.at > cutoff);
}
