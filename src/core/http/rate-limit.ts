import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { rowsOf, type Db } from '../db/database.js';
import { rateLimits } from '../identity/schema.js';
import type { RetentionPolicy } from '../product.js';
import type { Clock } from '../time/clock.js';

export interface RateLimitState {
  allowed: boolean;
  retryAfterSeconds: number;
  /** The window's allowance, what is left of it, and seconds until it starts again (RateLimit-* headers). */
  limit: number;
  remaining: number;
  resetSeconds: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateLimitState>;
  peek(key: string): Promise<RateLimitState>;
  reset(key: string): Promise<void>;
}

/** Sends the RateLimit-Limit, -Remaining and -Reset headers of the tightest of these states. */
export function sendRateLimitHeaders(reply: FastifyReply, ...states: RateLimitState[]): void {
  const tightest = states.reduce((a, b) => (b.remaining < a.remaining ? b : a));
  reply.header('ratelimit-limit', String(tightest.limit));
  reply.header('ratelimit-remaining', String(tightest.remaining));
  reply.header('ratelimit-reset', String(tightest.resetSeconds));
}

/**
 * A fixed-window counter per key in `core.rate_limits`, so every instance behind a proxy counts the same attempts.
 * `hashKey` turns a key (an address, an email) into what is stored: a keyed hash, never the value.
 */
export function createDatabaseRateLimiter(opts: {
  db: Db;
  name: string;
  max: number;
  windowSeconds: number;
  clock: Clock;
  hashKey: (key: string) => string;
}): RateLimiter {
  const stored = (key: string) => `${opts.name}:${opts.hashKey(key)}`;
  const answer = (count: number, resetAt: Date | string, now: Date, allowed: boolean): RateLimitState => {
    const resetSeconds = Math.max(1, Math.ceil((new Date(resetAt).getTime() - now.getTime()) / 1000));
    return { allowed, retryAfterSeconds: resetSeconds, limit: opts.max, remaining: Math.max(0, opts.max - count), resetSeconds };
  };
  return {
    async hit(key) {
      const now = opts.clock.now();
      const resetAt = new Date(now.getTime() + opts.windowSeconds * 1000);
      const [row] = rowsOf<{ count: number; reset_at: Date | string }>(
        await opts.db.execute(sql`
          INSERT INTO ${rateLimits} (key, count, reset_at) VALUES (${stored(key)}, 1, ${resetAt})
          ON CONFLICT (key) DO UPDATE SET
            count = CASE WHEN ${rateLimits.resetAt} <= ${now} THEN 1 ELSE ${rateLimits.count} + 1 END,
            reset_at = CASE WHEN ${rateLimits.resetAt} <= ${now} THEN excluded.reset_at ELSE ${rateLimits.resetAt} END
          RETURNING count, reset_at`),
      );
      return answer(Number(row!.count), row!.reset_at, now, Number(row!.count) <= opts.max);
    },
    async peek(key) {
      const now = opts.clock.now();
      const [row] = rowsOf<{ count: number; reset_at: Date | string }>(
        await opts.db.execute(sql`SELECT count, reset_at FROM ${rateLimits} WHERE key = ${stored(key)} AND ${rateLimits.resetAt} > ${now}`),
      );
      if (!row) return { allowed: true, retryAfterSeconds: 0, limit: opts.max, remaining: opts.max, resetSeconds: opts.windowSeconds };
      return answer(Number(row.count), row.reset_at, now, Number(row.count) < opts.max);
    },
    async reset(key) {
      await opts.db.execute(sql`DELETE FROM ${rateLimits} WHERE key = ${stored(key)}`);
    },
  };
}

/** Counters whose window ended a day ago are swept. */
export const rateLimitRetention: RetentionPolicy = {
  name: 'core.rate_limits',
  kind: 'ttl',
  table: rateLimits,
  column: 'reset_at',
  days: 1,
};
