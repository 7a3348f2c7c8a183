import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { isUuid } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { ChannelPresenceChange } from '../../core/product.js';
import { presence, realtimeConnections } from '../../core/realtime/schema.js';
import { callChannel, endSession, graceMs, scheduleConnectionCheck, type SessionRow } from './call-sessions.js';
import { sessions } from './schema.js';

/** The grace counts from the later of: the call becoming ACTIVE, the owner's last connection leaving it. */
function unattendedSince(s: Pick<SessionRow, 'startedAt' | 'disconnectedAt'>): Date | null {
  if (!s.startedAt) return null;
  return s.disconnectedAt && s.disconnectedAt > s.startedAt ? s.disconnectedAt : s.startedAt;
}

async function ownerAttached(core: ProductContext, tx: Db, s: Pick<SessionRow, 'id' | 'userId'>): Promise<boolean> {
  const members = await core.realtime.presence(callChannel(s.id), tx);
  return members.some((m) => m.userId === s.userId);
}

/**
 * The `call:<id>` presence hook: a connection of the owner joining clears `disconnected_at` (a reconnect inside the
 * grace resumes the call); the owner's last connection leaving sets it and, for an ACTIVE call, schedules the check.
 * Connections of anyone else do not count.
 */
export async function callPresenceChanged(core: ProductContext, change: ChannelPresenceChange): Promise<void> {
  if (!isUuid(change.id)) return;
  await inTransaction(core.db, async (tx) => {
    const [s] = await tx
      .select({ id: sessions.id, userId: sessions.userId, status: sessions.status, disconnectedAt: sessions.disconnectedAt })
      .from(sessions)
      .where(and(eq(sessions.id, change.id), eq(sessions.userId, change.userId)))
      .for('update');
    if (!s || s.status === 'ENDED') return;
    if (change.kind === 'join') {
      if (s.disconnectedAt) await tx.update(sessions).set({ disconnectedAt: null }).where(eq(sessions.id, s.id));
      return;
    }
    if (await ownerAttached(core, tx, s)) return;
    const now = core.clock.now();
    await tx.update(sessions).set({ disconnectedAt: now }).where(eq(sessions.id, s.id));
    if (s.status === 'ACTIVE') await scheduleConnectionCheck(core, tx, s.id, `${change.connectionId}:${now.getTime()}`);
  });
}

/**
 * Ends the call as `connection_lost` if it is ACTIVE, its owner has no connection on it now, and the grace has
 * passed; returns whether it ended. Read under the session's row lock, so a hangup or a reconnect cannot interleave.
 */
export async function endLostCall(core: ProductContext, sessionId: string): Promise<boolean> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update');
    if (s?.status !== 'ACTIVE') return false;
    const since = unattendedSince(s)!;
    const left = since.getTime() + graceMs(core) - core.clock.now().getTime();
    if (await ownerAttached(core, tx, s)) return false;
    if (left > 0) {
      // Due early (the check of an earlier detach, or clocks apart): look again when this grace is over.
      await scheduleConnectionCheck(core, tx, s.id, `recheck:${since.getTime()}`, left);
      return false;
    }
    await endSession(core, { tx, afterCommit }, s, 'connection_lost');
    return true;
  });
}

/**
 * The backstop for checks that were never scheduled (a process that died between removing presence and its hook):
 * ACTIVE calls past the grace with no live connection of their owner.
 */
export async function endLostCalls(core: ProductContext, limit = 200): Promise<number> {
  const cutoff = new Date(core.clock.now().getTime() - graceMs(core));
  const live = core.db
    .select({ one: sql`1` })
    .from(presence)
    .innerJoin(realtimeConnections, eq(realtimeConnections.id, presence.connectionId))
    .where(
      and(
        eq(presence.channel, sql`'call:' || ${sessions.id}`),
        eq(presence.userId, sessions.userId),
        gt(realtimeConnections.expiresAt, core.clock.now()),
      ),
    );
  const due = await core.db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.status, 'ACTIVE'),
        sql`GREATEST(${sessions.startedAt}, COALESCE(${sessions.disconnectedAt}, ${sessions.startedAt})) <= ${cutoff.toISOString()}::timestamptz`,
        sql`NOT EXISTS (${live})`,
      ),
    )
    .orderBy(asc(sessions.startedAt))
    .limit(limit);
  let ended = 0;
  for (const { id } of due) if (await endLostCall(core, id)) ended++;
  return ended;
}
