import { and, asc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type { RetentionPolicy } from '../product.js';
import type { Clock } from '../time/clock.js';
import { presence, realtimeConnections } from './schema.js';

export interface PresenceMember {
  userId: string;
  /** The member's open connections on the channel (a user may have several tabs or devices). */
  connectionIds: string[];
  /** When the member's earliest connection joined. */
  since: string;
}

export interface PresenceChange {
  channel: string;
  userId: string;
  connectionId: string;
}

export interface PresenceStore {
  openConnection(connectionId: string, userId: string): Promise<void>;
  /** Removes the connection and its channel memberships; returns the memberships it had. */
  closeConnection(connectionId: string): Promise<PresenceChange[]>;
  /** True when this added the membership (false when it already existed). */
  join(channel: string, connectionId: string, userId: string): Promise<boolean>;
  leave(channel: string, connectionId: string): Promise<boolean>;
  /** Pushes the expiry of this instance's connections forward; returns the ids that still have a row. */
  refreshInstance(): Promise<Set<string>>;
  /** Deletes connections whose expiry passed (their process died) in bounded batches; returns their memberships. */
  sweepExpired(batch?: number): Promise<PresenceChange[]>;
  /** `db`: read in this transaction instead. */
  members(channel: string, db?: Db): Promise<PresenceMember[]>;
  onlineUsers(userIds: string[]): Promise<Set<string>>;
  /** Removes every connection of this instance (graceful shutdown); returns their memberships. */
  closeInstance(): Promise<PresenceChange[]>;
}

/**
 * Presence in the database so every instance sees it. Each instance refreshes the expiry of its
 * own connections on every heartbeat; the rows of a process that died expire and are swept.
 */
export function createPresenceStore(deps: { db: Db; clock: Clock; instanceId: string; ttlMs: number }): PresenceStore {
  const { db, clock, instanceId, ttlMs } = deps;
  const expiry = () => new Date(clock.now().getTime() + ttlMs);
  const change = { channel: presence.channel, userId: presence.userId, connectionId: presence.connectionId };

  async function deleteConnections(ids: string[]): Promise<PresenceChange[]> {
    if (ids.length === 0) return [];
    return inTransaction(db, async (tx) => {
      const left = await tx.delete(presence).where(inArray(presence.connectionId, ids)).returning(change);
      await tx.delete(realtimeConnections).where(inArray(realtimeConnections.id, ids));
      return left;
    });
  }

  return {
    async openConnection(connectionId, userId) {
      const now = clock.now();
      await db
        .insert(realtimeConnections)
        .values({ id: connectionId, userId, instanceId, connectedAt: now, expiresAt: expiry() })
        .onConflictDoUpdate({ target: realtimeConnections.id, set: { expiresAt: expiry(), instanceId } });
    },
    closeConnection: (connectionId) => deleteConnections([connectionId]),
    async join(channel, connectionId, userId) {
      const rows = await db
        .insert(presence)
        .values({ channel, connectionId, userId, joinedAt: clock.now() })
        .onConflictDoNothing()
        .returning({ channel: presence.channel });
      return rows.length > 0;
    },
    async leave(channel, connectionId) {
      const rows = await db
        .delete(presence)
        .where(and(eq(presence.channel, channel), eq(presence.connectionId, connectionId)))
        .returning({ channel: presence.channel });
      return rows.length > 0;
    },
    async refreshInstance() {
      const kept = await db
        .update(realtimeConnections)
        .set({ expiresAt: expiry() })
        .where(eq(realtimeConnections.instanceId, instanceId))
        .returning({ id: realtimeConnections.id });
      return new Set(kept.map((r) => r.id));
    },
    async sweepExpired(batch = 500) {
      const expired = await db
        .select({ id: realtimeConnections.id })
        .from(realtimeConnections)
        .where(lt(realtimeConnections.expiresAt, clock.now()))
        .limit(batch);
      return deleteConnections(expired.map((r) => r.id));
    },
    async members(channel, reader = db) {
      const rows = await reader
        .select({ userId: presence.userId, connectionId: presence.connectionId, joinedAt: presence.joinedAt })
        .from(presence)
        .innerJoin(realtimeConnections, eq(realtimeConnections.id, presence.connectionId))
        .where(and(eq(presence.channel, channel), gt(realtimeConnections.expiresAt, clock.now())))
        .orderBy(asc(presence.joinedAt), asc(presence.connectionId));
      const byUser = new Map<string, PresenceMember>();
      for (const row of rows) {
        const member = byUser.get(row.userId);
        if (member) member.connectionIds.push(row.connectionId);
        else byUser.set(row.userId, { userId: row.userId, connectionIds: [row.connectionId], since: row.joinedAt.toISOString() });
      }
      return [...byUser.values()];
    },
    async onlineUsers(userIds) {
      if (userIds.length === 0) return new Set();
      const rows = await db
        .selectDistinct({ userId: realtimeConnections.userId })
        .from(realtimeConnections)
        .where(and(inArray(realtimeConnections.userId, userIds), gt(realtimeConnections.expiresAt, clock.now())));
      return new Set(rows.map((r) => r.userId));
    },
    async closeInstance() {
      const rows = await db
        .select({ id: realtimeConnections.id })
        .from(realtimeConnections)
        .where(eq(realtimeConnections.instanceId, instanceId));
      return deleteConnections(rows.map((r) => r.id));
    },
  };
}

/** The seed's 24-hour upper bound on a connection row, behind the expiry sweep that normally removes it much sooner. */
export const realtimeConnectionRetention: RetentionPolicy = {
  name: 'core.realtime_connections',
  kind: 'ttl',
  table: realtimeConnections,
  column: 'expires_at',
  days: 1,
};
