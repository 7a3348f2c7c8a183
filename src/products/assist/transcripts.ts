import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Core } from '../../core/context.js';
import { rowsOf, type Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { AuthUser } from '../../core/identity/access.js';
import { roomChannel } from './rooms.js';
import { peers, rooms, transcripts } from './schema.js';

export type TranscriptRow = typeof transcripts.$inferSelect;
export const ASSISTANT_JOB = 'assist.assistant';

export interface SegmentInput {
  segmentId: string;
  text: string;
  isFinal: boolean;
  startMs: number;
  endMs: number;
  confidence?: number | null;
  /** Which engine produced the text: `client`, `google-stt`, `server-stt` … */
  source?: string;
}

export function transcriptView(t: TranscriptRow) {
  return {
    id: t.id,
    segmentId: t.segmentId,
    peerId: t.peerId,
    nickname: t.nickname,
    speakerRole: t.speakerRole as 'agent' | 'customer',
    text: t.text,
    startMs: t.startMs,
    endMs: t.endMs,
    confidence: t.confidence,
    timestamp: t.timestamp.toISOString(),
    source: t.source,
    isFinal: t.isFinal,
    finalIndex: t.finalIndex,
    revision: t.revision,
  };
}

const invalid = (field: string, message: string) =>
  new AppError('validation', 400, `${field} ${message}`, { errors: [{ field, message }] });

/**
 * A partial or final result for one utterance. The row is an upsert on (room, segment id) whose
 * UPDATE only touches a row that is not final yet: a repeated or late partial never duplicates or
 * overwrites a final, and a repeated final changes nothing. A segment becoming final takes the
 * room's next final index and is published on `room:<id>` in the same transaction, so finals are
 * broadcast (and replayed) in final-index order.
 */
export async function upsertSegment(core: Core, user: AuthUser, roomId: string, input: SegmentInput) {
  const [outcome] = await ingestSegments(core, user, roomId, [input]);
  return outcome!;
}

export const MAX_SEGMENTS_PER_BATCH = 200;

/** Several segments of one room in one transaction (an STT gateway's batch), applied in the order given. */
export async function ingestSegments(core: Core, user: AuthUser, roomId: string, inputs: SegmentInput[]) {
  inputs.forEach((input, i) => {
    const field = (name: string) => (inputs.length > 1 ? `segments[${i}].${name}` : name);
    if (input.endMs < input.startMs) throw invalid(field('endMs'), 'must not be before startMs');
    if (!input.text.trim() && input.isFinal) throw invalid(field('text'), 'a final segment needs text');
  });
  const anyFinal = inputs.some((i) => i.isFinal);
  const outcomes = await inTransaction(core.db, async (tx, afterCommit) => {
    const [peer] = await tx
      .select()
      .from(peers)
      .where(and(eq(peers.roomId, roomId), eq(peers.userId, user.id), isNull(peers.leftAt)))
      .orderBy(desc(peers.joinedAt))
      .limit(1);
    if (!peer) {
      const [ended] = await tx
        .select({ id: rooms.id })
        .from(rooms)
        .innerJoin(peers, eq(peers.roomId, rooms.id))
        .where(and(eq(rooms.id, roomId), eq(rooms.status, 'ended'), eq(peers.userId, user.id)))
        .limit(1);
      if (ended) throw new AppError('assist.room_ended', 409, 'the room has ended');
      throw new AppError('assist.room_not_found', 404, 'room not found, or you are not in it: join it before sending its transcript');
    }
    // Finals are numbered under the room's row lock; partials only need to know the room is open. NO KEY UPDATE,
    // because a concurrent partial's insert holds its segment row and then needs KEY SHARE on the room for its
    // foreign key: FOR UPDATE would deadlock with it.
    const roomQuery = tx.select().from(rooms).where(eq(rooms.id, roomId));
    const [room] = anyFinal ? await roomQuery.for('no key update') : await roomQuery;
    if (!room || room.status === 'ended') throw new AppError('assist.room_ended', 409, 'the room has ended');
    const now = core.clock.now();
    let finalCount = room.finalCount;
    const results: { row: TranscriptRow; applied: boolean; assist: boolean }[] = [];
    for (const input of inputs) {
      const finalIndex = input.isFinal ? finalCount + 1 : null;
      const [row] = await tx
        .insert(transcripts)
        .values({
          id: uuidv7(),
          roomId,
          segmentId: input.segmentId,
          peerId: peer.peerId,
          nickname: peer.nickname,
          speakerRole: peer.role,
          text: input.text,
          startMs: input.startMs,
          endMs: input.endMs,
          confidence: input.confidence ?? null,
          timestamp: now,
          source: input.source ?? 'client',
          isFinal: input.isFinal,
          finalIndex,
          revision: 0,
          createdAt: now,
        })
        .onConflictDoUpdate({
          target: [transcripts.roomId, transcripts.segmentId],
          set: {
            text: sql`excluded.text`,
            startMs: sql`excluded.start_ms`,
            endMs: sql`excluded.end_ms`,
            confidence: sql`excluded.confidence`,
            timestamp: sql`excluded.timestamp`,
            source: sql`excluded.source`,
            isFinal: sql`excluded.is_final`,
            finalIndex: sql`excluded.final_index`,
            revision: sql`${transcripts.revision} + 1`,
          },
          // The rule itself: a row that is final already is never updated again.
          setWhere: sql`NOT ${transcripts.isFinal}`,
        })
        .returning();
      if (!row) {
        const [kept] = await tx
          .select()
          .from(transcripts)
          .where(and(eq(transcripts.roomId, roomId), eq(transcripts.segmentId, input.segmentId)));
        results.push({ row: kept!, applied: false, assist: false });
        continue;
      }
      if (row.isFinal) {
        finalCount++;
        await core.realtime.publish(roomChannel(roomId), 'transcript.final', transcriptView(row), { tx, afterCommit });
      }
      results.push({ row, applied: true, assist: false });
    }
    if (finalCount > room.finalCount) {
      const cfg = core.config.assist;
      const due =
        finalCount - (await lastSummarized(tx, roomId)) >= cfg.summaryEveryFinals ||
        now.getTime() - (room.lastAssistedAt ?? room.startedAt ?? room.createdAt).getTime() >= cfg.summaryIntervalSeconds * 1000;
      await tx
        .update(rooms)
        .set({ finalCount, ...(due ? { lastAssistedAt: now } : {}) })
        .where(eq(rooms.id, roomId));
      // The assistant runs as a job: ingestion never waits for the AI.
      if (due) {
        await core.jobs.send(
          ASSISTANT_JOB,
          { roomId },
          { tx, idempotencyKey: `assist:${roomId}:${finalCount}`, retryLimit: 2, retryDelay: 2 },
        );
        const last = [...results].reverse().find((r) => r.applied && r.row.isFinal);
        if (last) last.assist = true;
      }
    }
    return results;
  });
  for (const outcome of outcomes) {
    if (outcome.applied && !outcome.row.isFinal) {
      await core.realtime
        .publishEphemeral(roomChannel(roomId), 'transcript.partial', transcriptView(outcome.row))
        .catch((err: unknown) => core.log.warn({ err }, 'could not publish a partial transcript'));
    }
  }
  return outcomes;
}

async function lastSummarized(tx: Db, roomId: string): Promise<number> {
  const result = await tx.execute(
    sql`SELECT coalesce(max(last_summarized_index), 0)::int AS n FROM assist.agent_summaries WHERE room_id = ${roomId}`,
  );
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

/** Audio of one utterance, transcribed here; the result is a final segment with source `server-stt`. */
export async function transcribeSegment(
  core: Core,
  user: AuthUser,
  roomId: string,
  audio: AsyncIterable<Uint8Array> | Uint8Array,
  contentType: string,
  input: { segmentId?: string; startMs?: number; language?: string },
) {
  const transcript = await core.ai.transcribe(audio, contentType, {
    userId: user.id,
    language: input.language,
    promptVersion: 'assist.segment@1',
  });
  const text = transcript.text.trim();
  if (!text) throw new AppError('assist.no_speech', 400, 'no speech was recognised in the audio');
  const startMs = input.startMs ?? 0;
  return upsertSegment(core, user, roomId, {
    segmentId: input.segmentId ?? `stt-${uuidv7()}`,
    text,
    isFinal: true,
    startMs,
    endMs: startMs + Math.round(transcript.durationSec * 1000),
    source: `server-stt:${transcript.provider}`,
  });
}

/** The room's finals after `afterIndex`, in order (served by transcripts_room_final_key). */
export function finalsQuery(db: Db, roomId: string, afterIndex = 0) {
  return db
    .select()
    .from(transcripts)
    .where(and(eq(transcripts.roomId, roomId), eq(transcripts.isFinal, true), sql`${transcripts.finalIndex} > ${afterIndex}`))
    .orderBy(asc(transcripts.finalIndex));
}

export async function roomFinals(core: Core, roomId: string, afterIndex = 0) {
  return finalsQuery(core.db, roomId, afterIndex);
}
