/** A token bucket: refills at `rate` per second up to `burst`. */
export function tokenBucket(rate: number, burst: number) {
  let tokens = burst;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/**
 * One bucket per person, shared by all their connections on this node, so opening more tabs
 * or sockets does not multiply what one account may send. A bucket is dropped with the last
 * connection that uses it.
 */
export function accountBuckets(rate: number, burst: number) {
  const buckets = new Map<string, { take: () => boolean; users: number }>();
  return {
    acquire(userId: string) {
      let entry = buckets.get(userId);
      if (!entry) {
        entry = { take: tokenBucket(rate, burst), users: 0 };
        buckets.set(userId, entry);
      }
      entry.users += 1;
      const held = entry;
      return {
        take: () => held.take(),
        release() {
          held.users -= 1;
          if (held.users === 0 && buckets.get(userId) === held) buckets.delete(userId);
        },
      };
    },
    /** People with a bucket now, for tests. */
    size: () => buckets.size,
  };
}
