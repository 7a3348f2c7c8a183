import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { rowsOf, type Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { afterKey, decodeTimeCursor } from '../../core/http/pagination.js';
import type { TransactionScope } from '../../core/realtime/realtime.js';
import { callLogs, sessions } from './schema.js';
import { callEndedEvent } from './webhooks.js';
import type { Call, CallLog, CallStatus, EndedReason } from './contract.js';
import { callsSettings } from './environment.js';

export type SessionRow = typeof sessions.$inferSelect;
export type LogRow = typeof callLogs.$inferSelect;

export const CONNECT_TIMEOUT_JOB = 'calls.connect-timeout';
/** Ends an ACTIVE call whose owner has had no connection on it for the grace period (sent at each detach). */
export const CONNECTION_LOST_JOB = 'calls.connection-lost';
export const callChannel = (sessionId: string) => `call:${sessionId}`;

export const graceMs = (core: ProductContext) => core.settings(callsSettings).disconnectGraceSeconds * 1000;

/** Schedules the check that ends the call once the grace has passed; the check reads presence again when it runs. */
export async function scheduleConnectionCheck(core: ProductContext, tx: Db, sessionId: string, key: string, afterMs = graceMs(core)) {
  await core.jobs.send(
    CONNECTION_LOST_JOB,
    { sessionId },
    { tx, startAfter: Math.max(1, Math.ceil(afterMs / 1000)), idempotencyKey: `connection-lost:${sessionId}:${key}` },
  );
}

/** Every transition the state machine allows; anything else is a 409 naming both states. */
const ALLOWED: Record<CallStatus, CallStatus[]> = {
  INIT: ['CONNECTING', 'ENDED'],
  CONNECTING: ['ACTIVE', 'ENDED'],
  ACTIVE: ['ENDED'],
  ENDED: [],
};

export function assertTransition(from: CallStatus, to: CallStatus): void {
  if (!ALLOWED[from].includes(to)) {
    throw new AppError('calls.invalid_transition', 409, `a call cannot go from ${from} to ${to}`, { from, to });
  }
}

export const callNotFound = () => new AppError('calls.call_not_found', 404, 'call not found');

/** Main query 4: a session's duration, computed from its two timestamps and never stored on it. */
export function sessionDurationSeconds(s: Pick<SessionRow, 'startedAt' | 'endedAt'>, now?: Date): number | null {
  if (!s.startedAt) return null;
  const end = s.endedAt ?? now;
  if (!end) return null;
  return Math.max(0, Math.floor((end.getTime() - s.startedAt.getTime()) / 1000));
}

export function sessionView(core: ProductContext, s: SessionRow): Call {
  return {
    id: s.id,
    personaId: s.personaId,
    status: s.status,
    dialedAt: s.dialedAt?.toISOString() ?? null,
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    endedReason: s.endedReason,
    durationSeconds: sessionDurationSeconds(s, s.status === 'ACTIVE' ? core.clock.now() : undefined),
    createdAt: s.createdAt.toISOString(),
  };
}

export function logView(l: LogRow): CallLog {
  return {
    id: l.id,
    personaId: l.personaId,
    callSessionId: l.callSessionId,
    startedAt: l.startedAt.toISOString(),
    endedAt: l.endedAt.toISOString(),
    durationSeconds: l.durationSeconds,
    endedReason: l.endedReason,
  };
}

export async function ownSession(core: ProductContext, userId: string, id: string, db: Db = core.db, lock = false): Promise<SessionRow> {
  const query = db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
  const [row] = lock ? await query.for('update') : await query;
  if (!row) throw callNotFound();
  return row;
}

/** The user's call, locked, once the state machine lets it go to `to`. */
export async function lockCallFor(core: ProductContext, tx: Db, userId: string, sessionId: string, to: CallStatus): Promise<SessionRow> {
  const session = await ownSession(core, userId, sessionId, tx, true);
  assertTransition(session.status, to);
  return session;
}

/** Writes the call's new state and streams it as `call.status` on `call:<id>` once committed. */
export async function saveCallState(
  core: ProductContext,
  scope: TransactionScope,
  sessionId: string,
  state: Partial<typeof sessions.$inferInsert>,
): Promise<SessionRow> {
  const [row] = await scope.tx.update(sessions).set(state).where(eq(sessions.id, sessionId)).returning();
  await core.realtime.publish(callChannel(sessionId), 'call.status', sessionView(core, row!), scope);
  return row!;
}

/**
 * Ends a locked session and writes its call log in the same transaction; the log's duration is
 * computed here, once (0 when the call never became ACTIVE).
 */
export async function endSession(
  core: ProductContext,
  scope: TransactionScope,
  session: SessionRow,
  reason: EndedReason,
): Promise<SessionRow> {
  assertTransition(session.status, 'ENDED');
  const now = core.clock.now();
  const ended = await saveCallState(core, scope, session.id, { status: 'ENDED', endedAt: now, endedReason: reason, updatedAt: now });
  const durationSeconds = sessionDurationSeconds(ended) ?? 0;
  await scope.tx.insert(callLogs).values({
    id: uuidv7(),
    userId: session.userId,
    personaId: session.personaId,
    callSessionId: session.id,
    startedAt: session.startedAt ?? session.dialedAt ?? session.createdAt,
    endedAt: now,
    durationSeconds,
    endedReason: reason,
    createdAt: now,
    updatedAt: now,
  });
  await core.webhooks.emit(scope.tx, callEndedEvent, {
    callId: ended.id,
    personaId: ended.personaId,
    userId: ended.userId,
    endedReason: reason,
    startedAt: ended.startedAt?.toISOString() ?? null,
    endedAt: now.toISOString(),
    durationSeconds,
  });
  return ended;
}

export async function endOpenSessionsOfPersona(core: ProductContext, scope: TransactionScope, personaId: string, reason: EndedReason) {
  const open = await scope.tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.personaId, personaId), ne(sessions.status, 'ENDED')))
    .for('update');
  for (const s of open) await endSession(core, scope, s, reason);
}

/** Main query 3: the ACTIVE session of a persona (served by the partial unique index). */
export function activeSessionQuery(db: Db, personaId: string) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.personaId, personaId), eq(sessions.status, 'ACTIVE')));
}

/**
 * Ends CONNECTING calls older than their owner's `call_timeout_seconds` (now from the clock port).
 * Given a session id, looks at that call only (the job sent when it was dialled).
 */
export async function endTimedOutCalls(core: ProductContext, onlySessionId?: string, limit = 200): Promise<number> {
  const now = core.clock.now();
  const due = rowsOf<{ id: string }>(
    await core.db.execute(sql`SELECT s.id FROM calls.call_sessions s LEFT JOIN calls.user_settings u ON u.user_id = s.user_id
      WHERE s.status = 'CONNECTING' AND s.dialed_at < ${now.toISOString()}::timestamptz - make_interval(secs => COALESCE(u.call_timeout_seconds, 300))
      ${onlySessionId ? sql`AND s.id = ${onlySessionId}` : sql``}
      ORDER BY s.dialed_at LIMIT ${limit}`),
  );
  let ended = 0;
  for (const { id } of due) {
    await inTransaction(core.db, async (tx, afterCommit) => {
      const [session] = await tx.select().from(sessions).where(eq(sessions.id, id)).for('update', { skipLocked: true });
      if (session?.status !== 'CONNECTING') return;
      await endSession(core, { tx, afterCommit }, session, 'timeout');
      ended++;
    });
  }
  return ended;
}

/** Main query 2: the user's recent calls, newest first (index call_logs_user_started_idx). */
export function recentCallsQuery(db: Db, userId: string, opts: { limit: number; cursor?: string }) {
  const after = decodeTimeCursor(opts.cursor);
  const conditions = [eq(callLogs.userId, userId)];
  if (after) conditions.push(afterKey(callLogs.startedAt, callLogs.id, after, 'desc')!);
  return db
    .select()
    .from(callLogs)
    .where(and(...conditions))
    .orderBy(desc(callLogs.startedAt), desc(callLogs.id))
    .limit(opts.limit + 1);
}
