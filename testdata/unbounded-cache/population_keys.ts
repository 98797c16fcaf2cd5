// Keys that name members of a growing population: reported.
const folderCache = new Map<string, { name: string; parent: string }>(); // expect: unbounded-cache

export async function folderInfo(folderId: string) {
  let info = folderCache.get(folderId);
  if (!info) {
    info = await fetchFolder(folderId);
    folderCache.set(folderId, info);
  }
  return info;
}

const memberInfoCache: Record<string, { expiresAt: number }> = {}; // expect: unbounded-cache

export function rememberMember(id: string): void {
  memberInfoCache[id] = { expiresAt: Date.now() + 60_000 };
}
