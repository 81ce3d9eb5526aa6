import type { DocFanOut } from '../collab/fan-out.ts';

/**
 * What one node remembers of the database for a while (a session's person, a cohort's access),
 * dropped when the database changes. Other nodes' changes arrive over the fan-out; while the
 * link to them is down those messages are lost, so nothing is cached then, and everything is
 * forgotten the moment the link drops and again when it returns. A lookup that began before
 * any invalidation is not stored (`epoch`), so a change cannot be undone by a slow read.
 */
export interface NodeCache<V> {
  get(key: string): V | undefined;
  /** Remembers a lookup until `expiresAt` (at most the time to live), unless anything was invalidated since `epochAtStart`. */
  set(key: string, value: V, epochAtStart: number, expiresAt?: number): void;
  epoch(): number;
  /** Drops the entries matching, and counts as an invalidation. */
  dropWhere(matches: (key: string, value: V) => boolean): void;
  clear(): void;
  size(): number;
}

export interface NodeCacheOptions {
  /** 0 turns the cache off. */
  ttlMs: number;
  /** Least recently used go first. */
  maxEntries: number;
  fanOut?: DocFanOut | undefined;
  /** False while the link to the other nodes is down: their invalidations could be missed. */
  linkUp?: () => boolean;
  now?: () => number;
}

export function createNodeCache<V>(options: NodeCacheOptions): NodeCache<V> {
  const now = options.now ?? Date.now;
  const linkUp = options.linkUp ?? (() => true);
  // Insertion order doubles as least-recently-used order: a hit is re-inserted at the end.
  const entries = new Map<string, { value: V; expiresAt: number }>();
  let epoch = 0;
  let linkWasUp = true;

  const clear = () => {
    entries.clear();
    epoch++;
  };
  const usable = () => {
    if (options.ttlMs <= 0) return false;
    const up = linkUp();
    if (!up && linkWasUp) clear();
    linkWasUp = up;
    return up;
  };
  options.fanOut?.onLinkLost(clear);

  return {
    get(key) {
      if (!usable()) return undefined;
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    set(key, value, epochAtStart, expiresAt = Number.POSITIVE_INFINITY) {
      if (!usable() || epochAtStart !== epoch) return;
      const until = Math.min(now() + options.ttlMs, expiresAt);
      if (until <= now()) return;
      entries.delete(key);
      entries.set(key, { value, expiresAt: until });
      while (entries.size > options.maxEntries) {
        entries.delete(entries.keys().next().value as string);
      }
    },
    epoch: () => epoch,
    dropWhere(matches) {
      epoch++;
      for (const [key, entry] of entries) if (matches(key, entry.value)) entries.delete(key);
    },
    clear,
    size: () => entries.size,
  };
}
