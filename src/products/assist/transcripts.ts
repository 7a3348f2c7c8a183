import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Core } from '../../core/context.js';
import { rowsOf, type Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { AuthUser } from '../../core/identity/access.js';
import { roomChannel } from './rooms.js';
import { agentSummaries, peers, rooms, transcripts } from './schema.js';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Segments written by one transaction of the group commit, across rooms. */
const MAX_SEGMENTS_PER_FLUSH = 1000;
/** Transactions of the group commit running at once on one instance (never two for the same room). */
const MAX_CONCURRENT_FLUSHES = 3;

/**
 * Several segments of one room (an STT gateway's batch), applied in the order given with the rules of
 * `upsertSegment`. Batches of every room and sender on this instance go through one group commit: what arrives
 * while earlier batches are being written is written together in the next transaction (one statement per step
 * for all of its rooms), so the cost per segment falls as the load rises. A room's batches are applied in the
 * order they arrived and never by two transactions at once.
 */
export function ingestSegments(
  core: Core,
  user: AuthUser,
  roomId: string,
  inputs: SegmentInput[],
  opts: { batch?: boolean } = {},
): Promise<SegmentOutcome[]> {
  inputs.forEach((input, i) => {
    const field = (name: string) => (opts.batch || inputs.length > 1 ? `segments[${i}].${name}` : name);
    if (input.endMs < input.startMs) throw invalid(field('endMs'), 'must not be before startMs');
    if (!input.text.trim() && input.isFinal) throw invalid(field('text'), 'a final segment needs text');
    // PostgreSQL text cannot hold NUL: refused here, naming the field, rather than failing the write.
    if (input.text.includes('\u0000')) throw invalid(field('text'), 'must not contain NUL characters');
    if (input.source?.includes('\u0000')) throw invalid(field('source'), 'must not contain NUL characters');
  });
  if (!UUID.test(roomId))
    throw new AppError('assist.room_not_found', 404, 'room not found, or you are not in it: join it before sending its transcript');
  let ingestor = ingestors.get(core);
  if (!ingestor) ingestors.set(core, (ingestor = new GroupCommit(core)));
  return ingestor.submit(user, roomId, inputs);
}

interface Sender {
  peerId: string;
  nickname: string;
  speakerRole: string;
}
export interface SegmentOutcome {
  row: TranscriptRow;
  applied: boolean;
  assist: boolean;
}

interface IngestItem {
  user: AuthUser;
  roomId: string;
  inputs: SegmentInput[];
  resolve: (outcomes: SegmentOutcome[]) => void;
  reject: (err: unknown) => void;
}

const ingestors = new WeakMap<Core, GroupCommit>();

class GroupCommit {
  private queue: IngestItem[] = [];
  private busyRooms = new Set<string>();
  private running = 0;
  private scheduled = false;

  constructor(private readonly core: Core) {}

  submit(user: AuthUser, roomId: string, inputs: SegmentInput[]) {
    return new Promise<SegmentOutcome[]>((resolve, reject) => {
      this.queue.push({ user, roomId, inputs, resolve, reject });
      // Once per turn of the event loop: whatever arrived in the same turn goes in one transaction.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.start();
        });
      }
    });
  }

  private start() {
    while (this.running < MAX_CONCURRENT_FLUSHES && this.queue.length > 0) {
      const group = this.take();
      if (group.items.length === 0) return;
      this.running++;
      const rooms = new Set(group.items.map((i) => i.roomId));
      for (const r of rooms) this.busyRooms.add(r);
      void this.run(group).finally(() => {
        this.running--;
        for (const r of rooms) this.busyRooms.delete(r);
        this.start();
      });
    }
  }

  /**
   * The next transaction's batches, in arrival order. A room stays out (with every later batch of it, to keep its
   * order) while a transaction is writing it, when a batch names a segment already in this group, or past the size
   * limit. A batch naming one segment twice is applied on its own, segment by segment.
   */
  private take(): { items: IngestItem[]; oneByOne: boolean } {
    const items: IngestItem[] = [];
    const held = new Set(this.busyRooms);
    const keys = new Set<string>();
    const rest: IngestItem[] = [];
    let size = 0;
    let oneByOne = false;
    for (const item of this.queue) {
      const segmentKeys = item.inputs.map((i) => `${item.roomId}/${i.segmentId}`);
      const repeats = new Set(segmentKeys).size !== segmentKeys.length;
      const fits =
        !oneByOne &&
        !held.has(item.roomId) &&
        !(items.length > 0 && (repeats || size + item.inputs.length > MAX_SEGMENTS_PER_FLUSH)) &&
        !segmentKeys.some((k) => keys.has(k));
      if (!fits) {
        held.add(item.roomId);
        rest.push(item);
        continue;
      }
      items.push(item);
      size += item.inputs.length;
      for (const k of segmentKeys) keys.add(k);
      if (repeats) oneByOne = true;
    }
    this.queue = rest;
    return { items, oneByOne };
  }

  private async run(group: { items: IngestItem[]; oneByOne: boolean }) {
    try {
      const results = await ingestGroup(this.core, group.items, group.oneByOne);
      results.forEach((r, i) => (r instanceof AppError ? group.items[i]!.reject(r) : group.items[i]!.resolve(r)));
    } catch (err) {
      if (group.items.length === 1) return group.items[0]!.reject(err);
      // One batch's failure must not fail the others: each goes again in its own transaction.
      for (const item of group.items) {
        try {
          const [r] = await ingestGroup(this.core, [item], false);
          if (r instanceof AppError) item.reject(r);
          else item.resolve(r!);
        } catch (itemErr) {
          item.reject(itemErr);
        }
      }
    }
  }
}

interface RoomState {
  status: string;
  finalCount: number;
  assistedMs: number;
  lastSummarized: number;
}

/** The batches' rooms (row-locked in id order when finals are numbered) and each sender's peer, in one round trip. */
async function lockRooms(tx: Db, items: IngestItem[], lock: boolean) {
  const pairs = [...new Map(items.map((i) => [`${i.roomId}/${i.user.id}`, { room_id: i.roomId, user_id: i.user.id }])).values()];
  // NO KEY UPDATE, because a concurrent partial's insert holds its segment row and then needs KEY SHARE on the room
  // for its foreign key: FOR UPDATE would deadlock with it. The locking CTE returns the rows as locked (their newest
  // version), which is what the final count is read from.
  const rows = rowsOf<{
    room_id: string;
    user_id: string;
    status: string;
    final_count: number;
    assisted_ms: number | string;
    last_summarized: number;
    peer_id: string | null;
    nickname: string | null;
    role: string | null;
  }>(
    await tx.execute(sql`
      WITH pairs AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p(room_id uuid, user_id uuid)
      ), locked AS MATERIALIZED (
        SELECT r.id, r.status, r.final_count, coalesce(r.last_assisted_at, r.started_at, r.created_at) AS assisted_at
        FROM ${rooms} r WHERE r.id = ANY(${`{${[...new Set(items.map((i) => i.roomId))].join(',')}}`}::uuid[]) ORDER BY r.id ${lock ? sql`FOR NO KEY UPDATE` : sql``}
      )
      SELECT pairs.room_id, pairs.user_id, l.status, l.final_count,
        (extract(epoch FROM l.assisted_at) * 1000)::float8 AS assisted_ms,
        (SELECT coalesce(max(s.last_summarized_index), 0)::int FROM ${agentSummaries} s WHERE s.room_id = l.id) AS last_summarized,
        pe.peer_id, pe.nickname, pe.role
      FROM pairs
      JOIN locked l ON l.id = pairs.room_id
      LEFT JOIN LATERAL (
        SELECT p.peer_id, p.nickname, p.role FROM ${peers} p
        JOIN core.users u ON u.id = p.user_id AND u.is_active
        WHERE p.room_id = pairs.room_id AND p.user_id = pairs.user_id AND p.left_at IS NULL
        ORDER BY p.joined_at DESC LIMIT 1
      ) pe ON true`),
  );
  const roomStates = new Map<string, RoomState>();
  const senders = new Map<string, Sender>();
  for (const r of rows) {
    roomStates.set(r.room_id, {
      status: r.status,
      finalCount: Number(r.final_count),
      assistedMs: Number(r.assisted_ms),
      lastSummarized: Number(r.last_summarized),
    });
    if (r.peer_id) senders.set(`${r.room_id}/${r.user_id}`, { peerId: r.peer_id, nickname: r.nickname!, speakerRole: r.role! });
  }
  return { roomStates, senders };
}

/** Why a sender may not write to a room: it ended (and they were in it), or they are not in it. */
async function refusal(tx: Db, item: IngestItem, state: RoomState | undefined): Promise<AppError> {
  if (state?.status === 'ended') return new AppError('assist.room_ended', 409, 'the room has ended');
  const [ended] = await tx
    .select({ id: rooms.id })
    .from(rooms)
    .innerJoin(peers, eq(peers.roomId, rooms.id))
    .where(and(eq(rooms.id, item.roomId), eq(rooms.status, 'ended'), eq(peers.userId, item.user.id)))
    .limit(1);
  if (ended) return new AppError('assist.room_ended', 409, 'the room has ended');
  return new AppError('assist.room_not_found', 404, 'room not found, or you are not in it: join it before sending its transcript');
}

/**
 * One transaction for several batches (of one or many rooms and senders): lock, one upsert for every segment, one
 * statement storing every room's finals as channel events, one update of the rooms' final counts, and the
 * assistant's jobs that came due. A batch whose sender may not write to its room gets its error and the others go on.
 */
async function ingestGroup(core: Core, items: IngestItem[], oneByOne: boolean): Promise<(SegmentOutcome[] | AppError)[]> {
  const anyFinal = items.some((item) => item.inputs.some((i) => i.isFinal));
  return inTransaction(core.db, async (tx, afterCommit) => {
    const { roomStates, senders } = await lockRooms(tx, items, anyFinal);
    const results: (SegmentOutcome[] | AppError)[] = [];
    const records: SegmentRecord[] = [];
    for (const [index, item] of items.entries()) {
      const state = roomStates.get(item.roomId);
      const sender = senders.get(`${item.roomId}/${item.user.id}`);
      if (!state || !sender || state.status === 'ended') {
        results[index] = await refusal(tx, item, state);
        continue;
      }
      for (const input of item.inputs) records.push({ item: index, input, roomId: item.roomId, sender, base: state.finalCount });
    }
    const now = core.clock.now();
    const applied = oneByOne ? await upsertOneByOne(tx, records, now) : await upsertRecords(tx, records, now);
    for (const index of items.keys()) results[index] ??= [];
    const finalsByRoom = new Map<string, SegmentOutcome[]>();
    const partials: SegmentOutcome[] = [];
    for (const [r, record] of records.entries()) {
      const outcome = applied[r]!;
      // Records are in batch order and, within a batch, in segment order.
      (results[record.item] as SegmentOutcome[]).push(outcome);
      if (!outcome.applied) continue;
      if (outcome.row.isFinal) {
        let finals = finalsByRoom.get(record.roomId);
        if (!finals) finalsByRoom.set(record.roomId, (finals = []));
        finals.push(outcome);
      } else partials.push(outcome);
    }
    if (finalsByRoom.size === 0 && partials.length === 0) return results;
    const roomsWithFinals = [...finalsByRoom.entries()].map(([roomId, finals]) => ({
      roomId,
      finals: finals.sort((a, b) => a.row.finalIndex! - b.row.finalIndex!),
    }));
    // Stored and numbered with the transcripts; delivered in final-index order once this commits.
    await core.realtime.publishBatch(
      roomsWithFinals.map((g) => ({
        channel: roomChannel(g.roomId),
        events: g.finals.map((o) => ({ event: 'transcript.final', data: transcriptView(o.row) })),
      })),
      partials.map((o) => ({ channel: roomChannel(o.row.roomId), event: 'transcript.partial', data: transcriptView(o.row) })),
      { tx, afterCommit },
    );
    if (roomsWithFinals.length === 0) return results;
    const cfg = core.config.assist;
    const updates = roomsWithFinals.map((g) => {
      const state = roomStates.get(g.roomId)!;
      const finalCount = state.finalCount + g.finals.length;
      const due =
        finalCount - state.lastSummarized >= cfg.summaryEveryFinals ||
        now.getTime() - state.assistedMs >= cfg.summaryIntervalSeconds * 1000;
      return { id: g.roomId, final_count: finalCount, due, last: g.finals.at(-1)! };
    });
    await tx.execute(sql`
      UPDATE ${rooms} r SET final_count = v.final_count,
        last_assisted_at = CASE WHEN v.due THEN ${now}::timestamptz ELSE r.last_assisted_at END
      FROM jsonb_to_recordset(${JSON.stringify(updates.map(({ id, final_count, due }) => ({ id, final_count, due })))}::jsonb)
        AS v(id uuid, final_count int, due boolean)
      WHERE r.id = v.id`);
    // The assistant runs as a job: ingestion never waits for the AI.
    for (const u of updates) {
      if (!u.due) continue;
      await core.jobs.send(
        ASSISTANT_JOB,
        { roomId: u.id },
        { tx, idempotencyKey: `assist:${u.id}:${u.final_count}`, retryLimit: 2, retryDelay: 2 },
      );
      u.last.assist = true;
    }
    return results;
  });
}

interface SegmentRecord {
  /** Which batch of the group it came in. */
  item: number;
  input: SegmentInput;
  roomId: string;
  sender: Sender;
  /** The room's final count before this group. */
  base: number;
}

/** The segments a group left alone (their segment was final already), as stored. */
async function keptRows(tx: Db, records: SegmentRecord[]) {
  if (records.length === 0) return new Map<string, TranscriptRow>();
  const rows = await tx
    .select()
    .from(transcripts)
    .where(
      and(
        inArray(transcripts.roomId, [...new Set(records.map((r) => r.roomId))]),
        inArray(transcripts.segmentId, [...new Set(records.map((r) => r.input.segmentId))]),
      ),
    );
  return new Map(rows.map((r) => [`${r.roomId}/${r.segmentId}`, r]));
}

/**
 * Distinct segments of any number of rooms in one upsert. A final's index is its room's count plus the finals
 * before it in the group that are applied (their segment is not final yet); the UPDATE only touches a row that is
 * not final, so a late partial or a repeated final changes nothing and takes no number.
 */
async function upsertRecords(tx: Db, records: SegmentRecord[], now: Date): Promise<SegmentOutcome[]> {
  if (records.length === 0) return [];
  const input = records.map((r, ord) => ({
    ord,
    id: uuidv7(),
    room_id: r.roomId,
    segment_id: r.input.segmentId,
    peer_id: r.sender.peerId,
    nickname: r.sender.nickname,
    speaker_role: r.sender.speakerRole,
    base: r.base,
    text: r.input.text,
    start_ms: r.input.startMs,
    end_ms: r.input.endMs,
    confidence: r.input.confidence ?? null,
    source: r.input.source ?? 'client',
    is_final: r.input.isFinal,
  }));
  const returned = rowsOf<{
    id: string;
    room_id: string;
    segment_id: string;
    final_index: number | null;
    revision: number;
    created_ms: string | number;
  }>(
    await tx.execute(sql`
      WITH input AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS x(
          ord int, id uuid, room_id uuid, segment_id text, peer_id text, nickname text, speaker_role text, base int,
          text text, start_ms int, end_ms int, confidence double precision, source text, is_final boolean)
      ), numbered AS (
        SELECT input.*,
          CASE WHEN input.is_final THEN input.base
            + (count(*) FILTER (WHERE input.is_final AND done.final IS NULL) OVER (PARTITION BY input.room_id ORDER BY input.ord))::int
          END AS final_index
        FROM input
        -- One probe of the (room, segment) key per input row (LIMIT keeps the planner from turning it into a join
        -- that scans every transcript of every room).
        LEFT JOIN LATERAL (
          SELECT true AS final FROM ${transcripts} d
          WHERE d.room_id = input.room_id AND d.segment_id = input.segment_id AND d.is_final
          LIMIT 1
        ) done ON true
      )
      INSERT INTO ${transcripts} (id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms,
        confidence, timestamp, source, is_final, final_index, revision, created_at)
      SELECT id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms,
        confidence, ${now}, source, is_final, final_index, 0, ${now}
      FROM numbered ORDER BY ord
      ON CONFLICT (room_id, segment_id) DO UPDATE SET
        text = excluded.text, start_ms = excluded.start_ms, end_ms = excluded.end_ms, confidence = excluded.confidence,
        timestamp = excluded.timestamp, source = excluded.source, is_final = excluded.is_final,
        final_index = excluded.final_index, revision = ${transcripts}.revision + 1
        WHERE NOT ${transcripts}.is_final
      RETURNING id, room_id, segment_id, final_index, revision, (extract(epoch FROM created_at) * 1000)::float8 AS created_ms`),
  );
  const applied = new Map(returned.map((r) => [`${r.room_id}/${r.segment_id}`, r]));
  const kept = await keptRows(
    tx,
    records.filter((r) => !applied.has(`${r.roomId}/${r.input.segmentId}`)),
  );
  return records.map(({ roomId, input, sender }) => {
    const r = applied.get(`${roomId}/${input.segmentId}`);
    if (!r) return { row: kept.get(`${roomId}/${input.segmentId}`)!, applied: false, assist: false };
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

/** A batch that names a segment more than once (it is alone in its group): each segment sees the ones before it. */
async function upsertOneByOne(tx: Db, records: SegmentRecord[], now: Date): Promise<SegmentOutcome[]> {
  const results: SegmentOutcome[] = [];
  let added = 0;
  for (const record of records) {
    const [outcome] = await upsertRecords(tx, [{ ...record, base: record.base + added }], now);
    if (outcome!.applied && outcome!.row.isFinal) added++;
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
