/**
 * A process-wide cache of loads, each kept `ttlMs` from when it started; concurrent callers share one load, and a
 * load that fails is dropped so the next call tries again. Kept on globalThis under `name`: Next bundles a module
 * into several server chunks, and a module-level Map would be one cache per chunk.
 */
export function ttlCache<T>(name: string, ttlMs: number, now: () => number = Date.now) {
  type Entry = { at: number; value: Promise<T> };
  const store = globalThis as unknown as Record<string, Map<string, Entry> | undefined>;
  const entries = (store[`ttlCache:${name}`] ??= new Map<string, Entry>());
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const at = now();
    const hit = entries.get(key);
    if (hit && at - hit.at < ttlMs) return hit.value;
    for (const [k, v] of entries) if (at - v.at >= ttlMs) entries.delete(k);
    const value = load();
    entries.set(key, { at, value });
    value.catch(() => entries.get(key)?.value === value && entries.delete(key));
    return value;
  };
}
