import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, lte, ne, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { isUuid, uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { AuthUser } from '../../core/identity/access.js';
import { summaryTask } from '../../core/ai/tasks.js';
import { roomEndedEvent } from './webhooks.js';
import type { Peer, Role, Room, RoomStatus, SessionWithTurns } from './contract.js';
import { agentByUser, getCustomer, type AgentRow } from './customers.js';
import {
  agentResults,
  agentSummaries,
  agents,
  consultationHistory,
  consultationSessions,
  consultationTranscripts,
  customers,
  peers,
  rooms,
  transcripts,
  type SpeakerRole,
} from './schema.js';
import { assistSettings } from './environment.js';

export type RoomRow = typeof rooms.$inferSelect;
export type PeerRow = typeof peers.$inferSelect;

export const roomChannel = (roomId: string) => `room:${roomId}`;
export const roomNotFound = () => new AppError('assist.room_not_found', 404, 'room not found');
export const roomEnded = () => new AppError('assist.room_ended', 409, 'the room has ended');

export function roomView(r: RoomRow, opts: { withJoinCode?: boolean } = {}): Room {
  return {
    id: r.id,
    roomName: r.roomName,
    status: r.status as RoomStatus,
    metadata: r.metadata as Record<string, unknown>,
    customerId: r.customerId,
    agentId: r.agentId,
    joinCode: opts.withJoinCode ? r.joinCode : null,
    finalCount: r.finalCount,
    startedAt: r.startedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export function peerView(p: PeerRow): Peer {
  return {
    id: p.id,
    peerId: p.peerId,
    userId: p.userId,
    role: p.role as SpeakerRole,
    nickname: p.nickname,
    joinedAt: p.joinedAt.toISOString(),
    leftAt: p.leftAt?.toISOString() ?? null,
  };
}

export async function openRoom(
  core: ProductContext,
  agent: AgentRow,
  input: { roomName: string; customerId?: string | null; metadata?: Record<string, unknown> },
) {
  if (input.customerId) await getCustomer(core, input.customerId);
  const [row] = await core.db
    .insert(rooms)
    .values({
      id: uuidv7(),
      roomName: input.roomName,
      status: 'waiting',
      metadata: input.metadata ?? {},
      customerId: input.customerId ?? null,
      agentId: agent.id,
      joinCode: randomBytes(12).toString('base64url'),
      createdAt: core.clock.now(),
    })
    .returning();
  return row!;
}

async function roomRow(db: Db, id: string): Promise<RoomRow | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(rooms).where(eq(rooms.id, id));
  return row ?? null;
}

/** Whether the user is the room's agent or a peer in it now. */
export async function canAccessRoom(core: ProductContext, user: Pick<AuthUser, 'id'>, roomId: string): Promise<boolean> {
  if (!isUuid(roomId)) return false;
  const rows = await core.db.execute(sql`
    SELECT 1 FROM ${rooms} r JOIN ${agents} a ON a.id = r.agent_id WHERE r.id = ${roomId} AND a.user_id = ${user.id}
    UNION ALL
    SELECT 1 FROM ${peers} p WHERE p.room_id = ${roomId} AND p.user_id = ${user.id} AND p.left_at IS NULL
    LIMIT 1`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  return list.length > 0;
}

/** The room, if the user is its agent or one of its peers now (or ever was, for reading after the call). */
export async function accessibleRoom(core: ProductContext, user: AuthUser, roomId: string): Promise<{ room: RoomRow; isAgent: boolean }> {
  const room = await roomRow(core.db, roomId);
  if (!room) throw roomNotFound();
  const agent = await agentByUser(core, user.id);
  if (agent?.id === room.agentId) return { room, isAgent: true };
  const [peer] = await core.db
    .select({ id: peers.id })
    .from(peers)
    .where(and(eq(peers.roomId, roomId), eq(peers.userId, user.id)))
    .limit(1);
  if (!peer) throw roomNotFound();
  return { room, isAgent: false };
}

export async function roomAsAgent(core: ProductContext, user: AuthUser, roomId: string): Promise<{ room: RoomRow; agent: AgentRow }> {
  const room = await roomRow(core.db, roomId);
  const agent = await agentByUser(core, user.id);
  if (!room || !agent || room.agentId !== agent.id) throw roomNotFound();
  return { room, agent };
}

export interface EndOptions {
  /** Called after the consultation session row is written, inside the transaction (tests inject a failure here). */
  afterSessionInsert?: (tx: Db) => Promise<void> | void;
  consultationType?: string;
  channel?: 'voice' | 'chat' | 'video';
}

/** Summarizes every final not yet covered, on top of the last incremental summary. */
async function finalSummary(core: ProductContext, room: RoomRow, finals: (typeof transcripts.$inferSelect)[]) {
  const [last] = await core.db
    .select()
    .from(agentSummaries)
    .where(eq(agentSummaries.roomId, room.id))
    .orderBy(desc(agentSummaries.lastSummarizedIndex))
    .limit(1);
  const covered = last?.lastSummarizedIndex ?? 0;
  const rest = finals.filter((f) => (f.finalIndex ?? 0) > covered);
  if (!rest.length) return { text: last?.summaryText ?? '', model: null as string | null, ms: 0 };
  const started = performance.now();
  const task = summaryTask(rest.map((f) => `${f.speakerRole}: ${f.text}`).join('\n'), {
    maxSentences: 4,
    previousSummary: last?.summaryText,
  });
  const result = await core.ai.chat({ ...task, userId: null }).result;
  const summary = (result.json as { summary?: string } | undefined)?.summary?.trim() || last?.summaryText || '';
  return { text: summary, model: `${result.provider}/${result.model}#${task.promptVersion}`, ms: Math.round(performance.now() - started) };
}

/**
 * Ends the room: the live finals become consultation transcripts (turn index, speaker type), the final
 * summary and the consultation session with its duration are written, the room's AI results move to
 * the session, and the customer's history gets the consultation — all in one transaction.
 */
export async function endRoom(core: ProductContext, roomId: string, opts: EndOptions = {}) {
  const room = await roomRow(core.db, roomId);
  if (!room) throw roomNotFound();
  if (room.status === 'ended') throw roomEnded();
  const finals = await core.db
    .select()
    .from(transcripts)
    .where(and(eq(transcripts.roomId, roomId), eq(transcripts.isFinal, true)))
    .orderBy(asc(transcripts.finalIndex));
  const summary = await finalSummary(core, room, finals);
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [locked] = await tx.select().from(rooms).where(eq(rooms.id, roomId)).for('no key update');
    if (!locked || locked.status === 'ended') throw roomEnded();
    // Finals that arrived while the summary was written are kept too (the summary may miss their words).
    const all = await tx
      .select()
      .from(transcripts)
      .where(and(eq(transcripts.roomId, roomId), eq(transcripts.isFinal, true)))
      .orderBy(asc(transcripts.finalIndex));
    const now = core.clock.now();
    const startedAt = locked.startedAt ?? locked.createdAt;
    const [agent] = await tx.select().from(agents).where(eq(agents.id, locked.agentId));
    const consultationType = opts.consultationType ?? (locked.metadata as { consultationType?: string }).consultationType ?? 'general';
    const sessionId = uuidv7();
    const [session] = await tx
      .insert(consultationSessions)
      .values({
        id: sessionId,
        roomId,
        customerId: locked.customerId,
        agentId: locked.agentId,
        agentName: agent?.agentName ?? null,
        startedAt,
        endedAt: now,
        durationSeconds: Math.max(0, Math.floor((now.getTime() - startedAt.getTime()) / 1000)),
        status: 'completed',
        channel: opts.channel ?? 'voice',
        finalSummary: summary.text || null,
        consultationType,
        metadata: { roomName: locked.roomName, finals: all.length, summaryModel: summary.model, summaryMs: summary.ms },
        createdAt: now,
      })
      .returning();
    await opts.afterSessionInsert?.(tx);
    if (all.length) {
      await tx.insert(consultationTranscripts).values(
        all.map((f, i) => ({
          id: uuidv7(),
          sessionId,
          turnIndex: i + 1,
          speakerType: f.speakerRole,
          speakerName: f.nickname,
          text: f.text.trim(),
          timestamp: f.timestamp,
          confidence: f.confidence,
          isFinal: true,
          source: f.source,
          createdAt: now,
        })),
      );
    }
    if (summary.model) {
      await tx.insert(agentResults).values({
        id: uuidv7(),
        roomId,
        sessionId,
        turnId: `1-${all.length}`,
        resultType: 'final_summary',
        resultData: { summary: summary.text },
        processingTimeMs: summary.ms,
        modelVersion: summary.model,
        createdAt: now,
      });
    }
    await tx
      .update(agentResults)
      .set({ sessionId })
      .where(and(eq(agentResults.roomId, roomId), isNull(agentResults.sessionId)));
    if (locked.customerId) {
      const detail = {
        sessionId,
        roomId,
        agentName: agent?.agentName ?? null,
        durationSeconds: session!.durationSeconds,
        summary: summary.text,
        turns: all.length,
      };
      await tx.insert(consultationHistory).values({
        id: uuidv7(),
        customerId: locked.customerId,
        sessionId,
        consultationDate: now.toISOString().slice(0, 10),
        consultationType,
        detail,
        createdAt: now,
      });
      const digest = { date: now.toISOString().slice(0, 10), type: consultationType, sessionId, summary: summary.text.slice(0, 500) };
      await tx
        .update(customers)
        .set({ consultationHistory: sql`${customers.consultationHistory} || ${JSON.stringify([digest])}::jsonb` })
        .where(eq(customers.id, locked.customerId));
    }
    await tx
      .update(peers)
      .set({ leftAt: now })
      .where(and(eq(peers.roomId, roomId), isNull(peers.leftAt)));
    const [ended] = await tx.update(rooms).set({ status: 'ended', endedAt: now, emptySince: null }).where(eq(rooms.id, roomId)).returning();
    await core.webhooks.emit(tx, roomEndedEvent, {
      roomId,
      sessionId,
      agentId: locked.agentId,
      customerId: locked.customerId,
      consultationType,
      channel: session!.channel as 'voice' | 'chat' | 'video',
      startedAt: startedAt.toISOString(),
      endedAt: now.toISOString(),
      durationSeconds: session!.durationSeconds,
      turns: all.length,
      summary: session!.finalSummary,
    });
    await core.realtime.publish(
      roomChannel(roomId),
      'room.ended',
      { roomId, sessionId, durationSeconds: session!.durationSeconds },
      { tx, afterCommit },
    );
    return { room: ended!, session: session! };
  });
}

/** The room end rule for abandoned calls: every peer left at least `emptyRoomSeconds` ago. */
export async function endEmptyRooms(core: ProductContext): Promise<number> {
  const cutoff = new Date(core.clock.now().getTime() - core.settings(assistSettings).emptyRoomSeconds * 1000);
  const due = await core.db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(ne(rooms.status, 'ended'), lte(rooms.emptySince, cutoff)))
    .limit(100);
  let ended = 0;
  for (const r of due) {
    try {
      await endRoom(core, r.id, { consultationType: undefined });
      ended++;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'assist.room_ended'))
        core.log.warn({ err, roomId: r.id }, 'could not end an empty room');
    }
  }
  return ended;
}

export async function sessionDetail(core: ProductContext, sessionId: string) {
  const [session] = await core.db.select().from(consultationSessions).where(eq(consultationSessions.id, sessionId));
  if (!session) return null;
  const turns = await core.db
    .select()
    .from(consultationTranscripts)
    .where(eq(consultationTranscripts.sessionId, sessionId))
    .orderBy(asc(consultationTranscripts.turnIndex));
  return { session, turns };
}

type SessionDetail = NonNullable<Awaited<ReturnType<typeof sessionDetail>>>;

export function sessionDetailView(d: SessionDetail): SessionWithTurns {
  const s = d.session;
  return {
    session: {
      id: s.id,
      roomId: s.roomId,
      customerId: s.customerId,
      agentId: s.agentId,
      agentName: s.agentName,
      startedAt: s.startedAt.toISOString(),
      endedAt: s.endedAt.toISOString(),
      durationSeconds: s.durationSeconds,
      status: s.status,
      channel: s.channel,
      finalSummary: s.finalSummary,
      consultationType: s.consultationType,
      metadata: s.metadata as Record<string, unknown>,
    },
    turns: d.turns.map((t) => ({
      turnIndex: t.turnIndex,
      speakerType: t.speakerType as Role,
      speakerName: t.speakerName,
      text: t.text,
      timestamp: t.timestamp.toISOString(),
      confidence: t.confidence,
      isFinal: t.isFinal,
      source: t.source,
    })),
  };
}
