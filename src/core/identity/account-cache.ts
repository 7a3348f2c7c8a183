import type { Bus } from '../realtime/bus.js';
import type { Clock } from '../time/clock.js';

/** What the auth hook reads about a sign-in: its account is active, the sign-in not ended, and these are its roles. */
export interface CachedAccount {
  isAdmin: boolean;
  roles: Set<string>;
}

/**
 * A short-lived memory of valid sign-ins, so that a request costs one round trip (its own query) and not two.
 *
 * Every change that can end or narrow what a sign-in may do (disabling an account, signing out, a new password,
 * a reused refresh token, a role or admin change, deleting the account) calls `forget(userId)` after it
 * commits: that drops the user's entries here at once and on every other instance through the bus. A lookup
 * that was running while anything was forgotten is not kept (it may have read the old state), and an entry
 * lives `ttlMs` at most, which bounds what a lost bus message could leave behind.
 */
export interface AccountCache {
  readonly enabled: boolean;
  get(userId: string, sessionId: string): CachedAccount | undefined;
  /** A number to hand back to `set`: a lookup started before the latest `forget` is not kept. */
  generation(): number;
  set(userId: string, sessionId: string, account: CachedAccount, generation: number): void;
  /** After a committed change to the account, its roles or its sign-ins: here at once, elsewhere through the bus. */
  forget(userId: string): Promise<void>;
  /** Drops everything (the bus lost messages, or the process is closing). */
  clear(): void;
  close(): void;
}

export const ACCOUNT_CHANNEL = '@accounts';

interface Entry extends CachedAccount {
  expiresAt: number;
}

export interface AccountCacheOptions {
  /**
   * Off when another instance could change an account without this one hearing of it: several processes on one
   * PostgreSQL database with no shared bus.
   */
  enabled: boolean;
  bus: Bus;
  clock: Clock;
  ttlMs?: number;
  maxEntries?: number;
}

export function createAccountCache(options: AccountCacheOptions): AccountCache {
  const { enabled, bus, clock } = options;
  const ttlMs = options.ttlMs ?? 2_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const byUser = new Map<string, Map<string, Entry>>();
  let size = 0;
  let generation = 0;

  const drop = (userId: string) => {
    generation++;
    const sessions = byUser.get(userId);
    if (!sessions) return;
    size -= sessions.size;
    byUser.delete(userId);
  };
  const clear = () => {
    generation++;
    byUser.clear();
    size = 0;
  };
  const unsubscribe = enabled
    ? bus.subscribe((channel, message) => {
        if (channel !== ACCOUNT_CHANNEL) return;
        const userId = (message as { userId?: unknown } | null)?.userId;
        if (typeof userId === 'string') drop(userId);
        else clear();
      })
    : () => undefined;

  return {
    enabled,
    get(userId, sessionId) {
      if (!enabled) return undefined;
      const entry = byUser.get(userId)?.get(sessionId);
      if (!entry) return undefined;
      if (entry.expiresAt > clock.now().getTime()) return entry;
      // Expiry is not a change: lookups running meanwhile may still be kept.
      const sessions = byUser.get(userId)!;
      sessions.delete(sessionId);
      size--;
      if (!sessions.size) byUser.delete(userId);
      return undefined;
    },
    generation: () => generation,
    set(userId, sessionId, account, startedAt) {
      if (!enabled || startedAt !== generation) return;
      if (size >= maxEntries) clear();
      let sessions = byUser.get(userId);
      if (!sessions) byUser.set(userId, (sessions = new Map()));
      if (!sessions.has(sessionId)) size++;
      sessions.set(sessionId, { ...account, expiresAt: clock.now().getTime() + ttlMs });
    },
    async forget(userId) {
      drop(userId);
      // Unreachable, the bus tells the instance's error handler, which clears this cache; the others' entries end with their TTL.
      if (enabled) await bus.publish(ACCOUNT_CHANNEL, { t: 'account', userId }).catch(() => undefined);
    },
    clear,
    close() {
      unsubscribe();
      clear();
    },
  };
}
