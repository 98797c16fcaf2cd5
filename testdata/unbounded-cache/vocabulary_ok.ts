import { locales } from './locales';

const formatterCache = new Map<string, Intl.DateTimeFormat>();

export function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    formatterCache.set(timezone, formatter);
  }
  return formatter;
}

const separatorCache = new Map<string, string>();

export function separatorFor(language?: keyof typeof locales): string {
  const tag = language ? language.replace('_', '-') : 'en-US';
  const cached = separatorCache.get(tag);
  if (cached !== undefined) {
    return cached;
  }
  separatorCache.set(tag, ' ');
  return ' ';
}

export const registry = new Map<string, { name: string }>();

export function register(fn: { name: string }): void {
  const key = fn.name.toLowerCase();
  if (registry.has(key)) {
    throw new Error(`duplicate ${fn.name}`);
  }
  registry.set(key, fn);
}
