import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
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
  const distinct = new Set(inputs.map((i) => i.segmentId)).size === inputs.length;
  const outcomes = await inTransaction(core.db, async (tx, afterCommit) => {
    // The room and the sender's peer in it (row-locked when finals are numbered) and the last summarized final, in one
    // round trip. NO KEY UPDATE, because a concurrent partial's insert holds its segment row and then needs KEY SHARE
    // on the room for its foreign key: FOR UPDATE would deadlock with it.
    const roomQuery = tx
      .select({
        room: rooms,
        peer: { peerId: peers.peerId, nickname: peers.nickname, role: peers.role },
        lastSummarized: sql<number>`(SELECT coalesce(max(s.last_summarized_index), 0)::int FROM assist.agent_summaries s WHERE s.room_id = ${rooms.id})`,
      })
      .from(rooms)
      .innerJoin(peers, and(eq(peers.roomId, rooms.id), eq(peers.userId, user.id), isNull(peers.leftAt)))
      .where(eq(rooms.id, roomId))
      .orderBy(desc(peers.joinedAt))
      .limit(1);
    const [found] = anyFinal ? await roomQuery.for('no key update') : await roomQuery;
    if (!found) {
      const [ended] = await tx
        .select({ id: rooms.id })
        .from(rooms)
        .innerJoin(peers, eq(peers.roomId, rooms.id))
        .where(and(eq(rooms.id, roomId), eq(rooms.status, 'ended'), eq(peers.userId, user.id)))
        .limit(1);
      if (ended) throw new AppError('assist.room_ended', 409, 'the room has ended');
      throw new AppError('assist.room_not_found', 404, 'room not found, or you are not in it: join it before sending its transcript');
    }
    const room = found.room;
    if (room.status === 'ended') throw new AppError('assist.room_ended', 409, 'the room has ended');
    const now = core.clock.now();
    const sender = { peerId: found.peer.peerId, nickname: found.peer.nickname, speakerRole: found.peer.role };
    // Distinct segments (the usual batch) go in one statement; a batch naming a segment twice is applied one by one.
    const results = distinct
      ? await upsertBatch(tx, roomId, sender, inputs, room.finalCount, now)
      : await upsertOneByOne(tx, roomId, sender, inputs, room.finalCount, now);
    const finals = results.filter((r) => r.applied && r.row.isFinal);
    if (finals.length > 0) {
      // Stored and numbered with the transcripts; delivered in final-index order once this commits.
      await core.realtime.publishMany(
        roomChannel(roomId),
        finals.map((r) => ({ event: 'transcript.final', data: transcriptView(r.row) })),
        { tx, afterCommit },
      );
      const finalCount = room.finalCount + finals.length;
      const cfg = core.config.assist;
      const due =
        finalCount - Number(found.lastSummarized) >= cfg.summaryEveryFinals ||
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
        finals.at(-1)!.assist = true;
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

interface Sender {
  peerId: string;
  nickname: string;
  speakerRole: string;
}
interface SegmentOutcome {
  row: TranscriptRow;
  applied: boolean;
  assist: boolean;
}

/** The segments a batch left alone (their segment was final already), as stored. */
async function keptRows(tx: Db, roomId: string, segmentIds: string[]) {
  if (segmentIds.length === 0) return new Map<string, TranscriptRow>();
  const rows = await tx
    .select()
    .from(transcripts)
    .where(and(eq(transcripts.roomId, roomId), inArray(transcripts.segmentId, segmentIds)));
  return new Map(rows.map((r) => [r.segmentId, r]));
}

/**
 * Distinct segments in one upsert. A final's index is the room's count plus the finals before it in the batch that
 * are applied (its segment is not final yet); the UPDATE only touches a row that is not final, so a late partial or
 * a repeated final changes nothing and takes no number.
 */
async function upsertBatch(
  tx: Db,
  roomId: string,
  sender: Sender,
  inputs: SegmentInput[],
  finalCount: number,
  now: Date,
): Promise<SegmentOutcome[]> {
  const records = inputs.map((input, ord) => ({
    ord,
    id: uuidv7(),
    segment_id: input.segmentId,
    text: input.text,
    start_ms: input.startMs,
    end_ms: input.endMs,
    confidence: input.confidence ?? null,
    source: input.source ?? 'client',
    is_final: input.isFinal,
  }));
  const returned = rowsOf<{ id: string; segment_id: string; final_index: number | null; revision: number; created_ms: string | number }>(
    await tx.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(
          ord int, id uuid, segment_id text, text text, start_ms int, end_ms int, confidence double precision, source text, is_final boolean)
      ), numbered AS (
        SELECT input.*,
          CASE WHEN input.is_final THEN ${finalCount}::int
            + (count(*) FILTER (WHERE input.is_final AND done.segment_id IS NULL) OVER (ORDER BY input.ord))::int END AS final_index
        FROM input
        LEFT JOIN ${transcripts} done
          ON done.room_id = ${roomId} AND done.segment_id = input.segment_id AND done.is_final
      )
      INSERT INTO ${transcripts} (id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms,
        confidence, timestamp, source, is_final, final_index, revision, created_at)
      SELECT id, ${roomId}, segment_id, ${sender.peerId}, ${sender.nickname}, ${sender.speakerRole}, text, start_ms, end_ms,
        confidence, ${now}, source, is_final, final_index, 0, ${now}
      FROM numbered ORDER BY ord
      ON CONFLICT (room_id, segment_id) DO UPDATE SET
        text = excluded.text, start_ms = excluded.start_ms, end_ms = excluded.end_ms, confidence = excluded.confidence,
        timestamp = excluded.timestamp, source = excluded.source, is_final = excluded.is_final,
        final_index = excluded.final_index, revision = ${transcripts}.revision + 1
        WHERE NOT ${transcripts}.is_final
      RETURNING id, segment_id, final_index, revision, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`),
  );
  const applied = new Map(returned.map((r) => [r.segment_id, r]));
  const kept = await keptRows(
    tx,
    roomId,
    inputs.filter((i) => !applied.has(i.segmentId)).map((i) => i.segmentId),
  );
  return inputs.map((input) => {
    const r = applied.get(input.segmentId);
    if (!r) return { row: kept.get(input.segmentId)!, applied: false, assist: false };
    const row: TranscriptRow = {
      id: r.id,
      roomId,
      segmentId: input.segmentId,
      peerId: sender.peerId,
      nickname: sender.nickname,
      speakerRole: sender.speakerRole,
      text: input.text,
      startMs: input.startMs,
      endMs: input.endMs,
      confidence: input.confidence ?? null,
      timestamp: now,
      source: input.source ?? 'client',
      isFinal: input.isFinal,
      finalIndex: r.final_index === null ? null : Number(r.final_index),
      revision: Number(r.revision),
      createdAt: new Date(Number(r.created_ms)),
    };
    return { row, applied: true, assist: false };
  });
}

/** A batch that names a segment more than once: each input sees the ones before it. */
async function upsertOneByOne(
  tx: Db,
  roomId: string,
  sender: Sender,
  inputs: SegmentInput[],
  finalCount: number,
  now: Date,
): Promise<SegmentOutcome[]> {
  const results: SegmentOutcome[] = [];
  let count = finalCount;
  for (const input of inputs) {
    const [outcome] = await upsertBatch(tx, roomId, sender, [input], count, now);
    if (outcome!.applied && outcome!.row.isFinal) count++;
    results.push(outcome!);
  }
  return results;
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
