// Filled once when the app starts: quiet.
const loadedPlugins = new Map<string, Plugin>();

export async function loadPlugin(plugin: Plugin): Promise<boolean> {
  const id = plugin.info.id;
  if (loadedPlugins.has(id)) {
    throw new Error(`plugin id ${id} is already in use`);
  }
  loadedPlugins.set(id, plugin);
  return true;
}

const providers: Record<string, Provider> = {};

export function configureProviders(list: Provider[]): void {
  for (const provider of list) {
    providers[provider.id] = provider;
  }
}

// A miss fills the entry: reported.
const profiles = new Map<string, Profile>(); // expect: unbounded-cache

export async function profileFor(userId: string): Promise<Profile> {
  if (!profiles.has(userId)) {
    profiles.set(userId, await fetchProfile(userId));
  }
  return profiles.get(userId)!;
}
