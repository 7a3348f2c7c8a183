import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { pgErrorCode, rowsOf, UNIQUE_VIOLATION, type Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { afterKey, decodeTimeCursor, toPage } from '../../core/http/pagination.js';
import type { TransactionScope } from '../../core/realtime/realtime.js';
import { callLogs, personas, sessions, type CallStatus, type EndedReason } from './schema.js';
import { getSettings } from './settings.js';
import { callEndedEvent } from './webhooks.js';
import type { Call, CallLog, ListCallsQuery } from './contract.js';

export type SessionRow = typeof sessions.$inferSelect;
export type LogRow = typeof callLogs.$inferSelect;

export const CONNECT_TIMEOUT_JOB = 'calls.connect-timeout';
/** Ends an ACTIVE call whose owner has had no connection on it for the grace period (sent at each detach). */
export const CONNECTION_LOST_JOB = 'calls.connection-lost';
export const callChannel = (sessionId: string) => `call:${sessionId}`;

export const graceMs = (core: ProductContext) => core.config.calls.disconnectGraceSeconds * 1000;

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
    status: s.status as CallStatus,
    dialedAt: s.dialedAt?.toISOString() ?? null,
    startedAt: s.startedAt?.toISOString() ?? null,
    endedAt: s.endedAt?.toISOString() ?? null,
    endedReason: (s.endedReason as EndedReason | null) ?? null,
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
    endedReason: l.endedReason as EndedReason,
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

/** A new call in INIT, to a live persona of the user. */
export async function createCall(core: ProductContext, userId: string, personaId: string): Promise<SessionRow> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    // Locked: a deletion in progress finishes first, and is then seen.
    const [persona] = await tx
      .select({ id: personas.id })
      .from(personas)
      .where(and(eq(personas.id, personaId), eq(personas.userId, userId), eq(personas.isDeleted, false)))
      .for('share');
    if (!persona) throw new AppError('calls.persona_not_found', 404, 'persona not found');
    const now = core.clock.now();
    const [row] = await tx
      .insert(sessions)
      .values({ id: uuidv7(), personaId, userId, status: 'INIT', createdAt: now, updatedAt: now })
      .returning();
    await core.realtime.publish(callChannel(row!.id), 'call.status', sessionView(core, row!), { tx, afterCommit });
    return row!;
  });
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
  assertTransition(session.status as CallStatus, 'ENDED');
  const now = core.clock.now();
  const [ended] = await scope.tx
    .update(sessions)
    .set({ status: 'ENDED', endedAt: now, endedReason: reason, updatedAt: now })
    .where(eq(sessions.id, session.id))
    .returning();
  await scope.tx.insert(callLogs).values({
    id: uuidv7(),
    userId: session.userId,
    personaId: session.personaId,
    callSessionId: session.id,
    startedAt: session.startedAt ?? session.dialedAt ?? session.createdAt,
    endedAt: now,
    durationSeconds: sessionDurationSeconds(ended!) ?? 0,
    endedReason: reason,
    createdAt: now,
    updatedAt: now,
  });
  await core.realtime.publish(callChannel(session.id), 'call.status', sessionView(core, ended!), scope);
  await core.webhooks.emit(scope.tx, callEndedEvent, {
    callId: ended!.id,
    personaId: ended!.personaId,
    userId: ended!.userId,
    endedReason: reason,
    startedAt: ended!.startedAt?.toISOString() ?? null,
    endedAt: now.toISOString(),
    durationSeconds: sessionDurationSeconds(ended!) ?? 0,
  });
  return ended!;
}

export async function endOpenSessionsOfPersona(core: ProductContext, scope: TransactionScope, personaId: string, reason: EndedReason) {
  const open = await scope.tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.personaId, personaId), ne(sessions.status, 'ENDED')))
    .for('update');
  for (const s of open) await endSession(core, scope, s, reason);
}

export type Transition = { to: 'CONNECTING' } | { to: 'ACTIVE' } | { to: 'ENDED'; reason: EndedReason };

/** Moves the user's call along the state machine; the database's partial unique index decides a race for ACTIVE. */
export async function transition(core: ProductContext, userId: string, sessionId: string, step: Transition): Promise<SessionRow> {
  try {
    return await inTransaction(core.db, async (tx, afterCommit) => {
      const session = await ownSession(core, userId, sessionId, tx, true);
      const from = session.status as CallStatus;
      assertTransition(from, step.to);
      if (step.to === 'ENDED') return endSession(core, { tx, afterCommit }, session, step.reason);
      const now = core.clock.now();
      if (step.to === 'ACTIVE') {
        const [persona] = await tx
          .select({ status: personas.learningStatus, deleted: personas.isDeleted })
          .from(personas)
          .where(eq(personas.id, session.personaId));
        if (!persona || persona.deleted) throw new AppError('calls.persona_not_found', 404, 'persona not found');
        if (persona.status !== 'COMPLETED') {
          throw new AppError(
            'calls.voice_not_trained',
            409,
            `the persona's voice training is ${persona.status}; a call can only connect once it is COMPLETED`,
          );
        }
      }
      const [row] = await tx
        .update(sessions)
        .set(
          step.to === 'CONNECTING'
            ? { status: 'CONNECTING', dialedAt: now, updatedAt: now }
            : { status: 'ACTIVE', startedAt: now, updatedAt: now },
        )
        .where(eq(sessions.id, session.id))
        .returning();
      if (step.to === 'CONNECTING') {
        const { callTimeoutSeconds } = await getSettings(core, userId, tx);
        await core.jobs.send(
          CONNECT_TIMEOUT_JOB,
          { sessionId: session.id },
          { tx, startAfter: callTimeoutSeconds, idempotencyKey: `connect-timeout:${session.id}` },
        );
      }
      // A call nobody ever attached to ends too: its grace counts from now.
      if (step.to === 'ACTIVE') await scheduleConnectionCheck(core, tx, session.id, 'active');
      await core.realtime.publish(callChannel(session.id), 'call.status', sessionView(core, row!), { tx, afterCommit });
      return row!;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) {
      throw new AppError('calls.persona_busy', 409, 'the persona is already in an ACTIVE call', { from: 'CONNECTING', to: 'ACTIVE' });
    }
    throw err;
  }
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

/** The user's calls, newest first, optionally in one state (index call_sessions_user_status_created_idx). */
export async function listCalls(core: ProductContext, userId: string, opts: ListCallsQuery & { limit: number }) {
  const after = decodeTimeCursor(opts.cursor);
  const conditions = [eq(sessions.userId, userId)];
  if (opts.status) conditions.push(eq(sessions.status, opts.status));
  if (after) conditions.push(afterKey(sessions.createdAt, sessions.id, after, 'desc')!);
  const rows = await core.db
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(opts.limit + 1);
  return toPage(
    rows,
    opts.limit,
    (s) => [s.createdAt.toISOString(), s.id],
    (s) => sessionView(core, s),
  );
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

export async function recentCalls(core: ProductContext, userId: string, opts: { limit: number; cursor?: string }) {
  const rows = await recentCallsQuery(core.db, userId, opts);
  return toPage(rows, opts.limit, (l) => [l.startedAt.toISOString(), l.id], logView);
}

export async function ownLog(core: ProductContext, userId: string, id: string) {
  const [row] = await core.db
    .select()
    .from(callLogs)
    .where(and(eq(callLogs.id, id), eq(callLogs.userId, userId)));
  if (!row) throw new AppError('calls.log_not_found', 404, 'call log not found');
  return row;
}
