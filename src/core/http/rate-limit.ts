import type { Clock } from '../time/clock.js';

export interface RateLimiter {
  /** Counts one attempt for `key`; says whether it is within the limit and, if not, when to retry. */
  hit(key: string): { allowed: boolean; retryAfterSeconds: number };
  /** Whether `key` is already over the limit, without counting. */
  peek(key: string): { allowed: boolean; retryAfterSeconds: number };
  reset(key: string): void;
}

/** A fixed-window counter per key, in process memory, pruned as windows expire. */
export function createRateLimiter(opts: { max: number; windowSeconds: number; clock: Clock; maxKeys?: number }): RateLimiter {
  const windowMs = opts.windowSeconds * 1000;
  const maxKeys = opts.maxKeys ?? 100_000;
  const counters = new Map<string, { count: number; resetAt: number }>();
  const prune = (now: number) => {
    for (const [k, v] of counters) if (v.resetAt <= now) counters.delete(k);
  };
  const state = (key: string, now: number) => {
    let c = counters.get(key);
    if (!c || c.resetAt <= now) {
      if (counters.size >= maxKeys) prune(now);
      c = { count: 0, resetAt: now + windowMs };
      counters.set(key, c);
    }
    return c;
  };
  const answer = (c: { count: number; resetAt: number }, now: number) => ({
    allowed: c.count <= opts.max,
    retryAfterSeconds: Math.max(1, Math.ceil((c.resetAt - now) / 1000)),
  });
  return {
    hit(key) {
      const now = opts.clock.now().getTime();
      const c = state(key, now);
      c.count++;
      return answer(c, now);
    },
    peek(key) {
      const now = opts.clock.now().getTime();
      const c = counters.get(key);
      if (!c || c.resetAt <= now) return { allowed: true, retryAfterSeconds: 0 };
      return { allowed: c.count < opts.max, retryAfterSeconds: Math.max(1, Math.ceil((c.resetAt - now) / 1000)) };
    },
    reset(key) {
      counters.delete(key);
    },
  };
}
