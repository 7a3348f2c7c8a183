import { and, asc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { pgErrorCode, type Db } from '../../core/db/database.js';
import { namedStatement } from '../../core/db/prepared.js';
import { appendChannelEventsFrom } from '../../core/realtime/channel-events.js';
import { isUuid, uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { badText } from '../../core/http/input-text.js';
import type { AuthUser } from '../../core/identity/access.js';
import { roomChannel } from './rooms.js';
import { agentSummaries, agents, peers, rooms, transcripts } from './schema.js';
import type { Role, SegmentBatchBody, SegmentResult, Transcript } from './contract.js';
import { assistSettings } from './environment.js';

export type TranscriptRow = typeof transcripts.$inferSelect;
export const ASSISTANT_JOB = 'assist.assistant';

/** One utterance's transcript as a client sends it; `source` names the engine: `client`, `google-stt`, `server-stt` … */
export type SegmentInput = SegmentBatchBody['segments'][number];

export function transcriptView(t: TranscriptRow): Transcript {
  return {
    id: t.id,
    segmentId: t.segmentId,
    peerId: t.peerId,
    nickname: t.nickname,
    speakerRole: t.speakerRole as Role,
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

/** What one segment became, as the HTTP routes answer it. */
export const segmentResult = (o: SegmentOutcome): SegmentResult => ({
  segment: transcriptView(o.row),
  applied: o.applied,
  assistantQueued: o.assist,
});

const invalid = (field: string, message: string) =>
  new AppError('validation', 400, `${field} ${message}`, { errors: [{ field, message }] });

/**
 * A partial or final result for one utterance. The row is an upsert on (room, segment id) whose
 * UPDATE only touches a row that is not final yet: a repeated or late partial never duplicates or
 * overwrites a final, and a repeated final changes nothing. A segment becoming final takes the
 * room's next final index and is published on `room:<id>` in the same transaction, so finals are
 * broadcast (and replayed) in final-index order.
 */
export async function upsertSegment(core: ProductContext, user: AuthUser, roomId: string, input: SegmentInput) {
  const [outcome] = await ingestSegments(core, user, roomId, [input]);
  return outcome!;
}

export const MAX_SEGMENTS_PER_BATCH = 200;
/** Offsets are stored as int4 milliseconds (about 24.8 days from the start of the call). */
export const MAX_OFFSET_MS = 2_147_483_647;
/** Segments written by one statement of the group commit, across rooms. */
const MAX_SEGMENTS_PER_FLUSH = 1000;
/** Statements of the group commit running at once on one instance (never two for the same room). */
const MAX_CONCURRENT_FLUSHES = 3;

/**
 * Several segments of one room (an STT gateway's batch), applied in the order given with the rules of
 * `upsertSegment`. Batches of every room and sender on this instance go through one group commit: what arrives
 * while earlier batches are being written is written together by the next statement (one round trip to the
 * database for all of its rooms: see `writeRecords`), so the cost per segment falls as the load rises. A room's
 * batches are applied in the order they arrived and never by two statements at once.
 */
export function ingestSegments(
  core: ProductContext,
  user: AuthUser,
  roomId: string,
  inputs: SegmentInput[],
  opts: { batch?: boolean } = {},
): Promise<SegmentOutcome[]> {
  inputs.forEach((input, i) => {
    const field = (name: string) => (opts.batch || inputs.length > 1 ? `segments[${i}].${name}` : name);
    if (input.endMs < input.startMs) throw invalid(field('endMs'), 'must not be before startMs');
    if (!input.text.trim() && input.isFinal) throw invalid(field('text'), 'a final segment needs text');
    // Checked here as well as by the request schemas (a realtime message has no HTTP guard): nothing that reaches the
    // statement can fail it, so a refusal there is always the room's own (not in it, ended), never a 500.
    for (const name of ['startMs', 'endMs'] as const)
      if (!Number.isInteger(input[name]) || input[name] < 0 || input[name] > MAX_OFFSET_MS)
        throw invalid(field(name), `must be an integer from 0 to ${MAX_OFFSET_MS}`);
    // PostgreSQL text cannot hold NUL or half a character: refused here, naming the field, rather than failing the write.
    for (const name of ['text', 'source'] as const) {
      const problem = input[name] === undefined ? null : badText(input[name]);
      if (problem === 'nul') throw invalid(field(name), 'must not contain NUL characters');
      if (problem === 'surrogate') throw invalid(field(name), 'must be valid Unicode (it holds a lone surrogate)');
    }
  });
  if (!isUuid(roomId))
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

const ingestors = new WeakMap<ProductContext, GroupCommit>();

class GroupCommit {
  private queue: IngestItem[] = [];
  private busyRooms = new Set<string>();
  private running = 0;
  private scheduled = false;

  constructor(private readonly core: ProductContext) {}

  submit(user: AuthUser, roomId: string, inputs: SegmentInput[]) {
    return new Promise<SegmentOutcome[]>((resolve, reject) => {
      this.queue.push({ user, roomId, inputs, resolve, reject });
      // Once per turn of the event loop: whatever arrived in the same turn is written together.
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
   * The next write's batches, in arrival order. A room stays out (with every later batch of it, to keep its
   * order) while another write has it, when a batch names a segment already in this group, or past the size
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
      // One batch's failure must not fail the others: each goes again on its own.
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

/** A room as the write found it (locked). */
interface RoomState {
  status: string;
  finalCount: number;
  assistedMs: number;
  lastSummarized: number;
}

/**
 * Why a sender may not write to a room: it ended (told only to its agent and to those who were in it), or they are not
 * in it. Anyone else learns nothing about the room: the same 404 as for a room that does not exist.
 */
async function refusal(db: Db, item: IngestItem, room: RoomState | undefined): Promise<AppError> {
  if (room?.status === 'ended') {
    const [member] = await db
      .select({ id: rooms.id })
      .from(rooms)
      .leftJoin(agents, and(eq(agents.id, rooms.agentId), eq(agents.userId, item.user.id)))
      .leftJoin(peers, and(eq(peers.roomId, rooms.id), eq(peers.userId, item.user.id)))
      .where(and(eq(rooms.id, item.roomId), or(isNotNull(agents.id), isNotNull(peers.id))))
      .limit(1);
    if (member) return new AppError('assist.room_ended', 409, 'the room has ended');
  }
  return new AppError('assist.room_not_found', 404, 'room not found, or you are not in it: join it before sending its transcript');
}

interface SegmentRecord {
  /** Its position in the group: segments are applied in this order. */
  ord: number;
  /** Which batch of the group it came in. */
  item: number;
  input: SegmentInput;
  roomId: string;
  userId: string;
}

interface WrittenRow {
  row: TranscriptRow;
  /** A final's event as stored on `room:<id>`, and its sequence number there. */
  event: { data: unknown; seq: number } | null;
}

interface Written {
  /** By id; a room that does not exist is absent. */
  rooms: Map<string, RoomState>;
  /** By `room/user`: the sender's peer in the room, if they are in it with an active account. */
  senders: Map<string, Sender>;
  /** By record `ord`; a segment left alone (already final) is absent. */
  rows: Map<number, WrittenRow>;
}

/** A final count taken for a segment that another instance made final meanwhile: the statement is refused and run again. */
const NOT_NULL_VIOLATION = '23502';

/**
 * The statement of `writeRecords`, prepared once under a name: every value is a parameter (the batch as JSON), so its
 * text is the same for any number of rooms and segments and PostgreSQL does not plan it again on every run.
 */
const writeStatement = namedStatement<{
  kind: 'row' | 'room' | 'sender';
  info: Record<string, any>;
  view: unknown;
  seq: number | string | null;
}>(
  'assist_transcript_group_write',
  sql`
    WITH pairs AS (
      SELECT * FROM jsonb_to_recordset(${sql.placeholder('pairs')}::jsonb) AS p(room_id uuid, user_id uuid)
    ), locked AS MATERIALIZED (
      SELECT r.id, r.status, r.final_count, coalesce(r.last_assisted_at, r.started_at, r.created_at) AS assisted_at
      FROM ${rooms} r WHERE r.id = ANY(${sql.placeholder('rooms')}::uuid[]) ORDER BY r.id FOR NO KEY UPDATE
    ), senders AS MATERIALIZED (
      SELECT pairs.room_id, pairs.user_id, l.status, l.final_count, l.assisted_at, pe.peer_id, pe.nickname, pe.role
      FROM pairs
      JOIN locked l ON l.id = pairs.room_id
      LEFT JOIN LATERAL (
        SELECT p.peer_id, p.nickname, p.role FROM ${peers} p
        JOIN core.users u ON u.id = p.user_id AND u.is_active
        WHERE p.room_id = pairs.room_id AND p.user_id = pairs.user_id AND p.left_at IS NULL
        ORDER BY p.joined_at DESC LIMIT 1
      ) pe ON true
    ), input AS (
      SELECT * FROM jsonb_to_recordset(${sql.placeholder('input')}::jsonb) AS x(
        ord int, id uuid, room_id uuid, user_id uuid, segment_id text, text text, start_ms int, end_ms int,
        confidence double precision, source text, is_final boolean)
    ), accepted AS (
      SELECT input.*, s.peer_id, s.nickname, s.role AS speaker_role, s.final_count AS base
      FROM input JOIN senders s ON s.room_id = input.room_id AND s.user_id = input.user_id
      WHERE s.peer_id IS NOT NULL AND s.status <> 'ended'
    ), numbered AS (
      SELECT accepted.*, (accepted.is_final AND done.final IS NULL) AS new_final,
        CASE WHEN accepted.is_final THEN accepted.base
          + (count(*) FILTER (WHERE accepted.is_final AND done.final IS NULL)
               OVER (PARTITION BY accepted.room_id ORDER BY accepted.ord))::int
        END AS final_index
      FROM accepted
      -- One probe of the (room, segment) key per segment (LIMIT keeps the planner from turning it into a join
      -- that scans every transcript of every room).
      LEFT JOIN LATERAL (
        SELECT true AS final FROM ${transcripts} d
        WHERE d.room_id = accepted.room_id AND d.segment_id = accepted.segment_id AND d.is_final
        LIMIT 1
      ) done ON true
    ), ins AS (
      INSERT INTO ${transcripts} (id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms,
        confidence, timestamp, source, is_final, final_index, revision, created_at)
      SELECT id, room_id, segment_id, peer_id, nickname, speaker_role, text, start_ms, end_ms,
        confidence, ${sql.placeholder('now')}::timestamptz, source, is_final, final_index, 0, ${sql.placeholder('now')}::timestamptz
      FROM numbered ORDER BY ord
      ON CONFLICT (room_id, segment_id) DO UPDATE SET
        text = excluded.text, start_ms = excluded.start_ms, end_ms = excluded.end_ms, confidence = excluded.confidence,
        timestamp = excluded.timestamp, source = excluded.source, is_final = excluded.is_final,
        final_index = excluded.final_index, revision = ${transcripts}.revision + 1
        WHERE NOT ${transcripts}.is_final
      RETURNING *
    ), written AS (
      SELECT n.ord, ins.* FROM ins JOIN numbered n ON n.room_id = ins.room_id AND n.segment_id = ins.segment_id
    ), outgoing AS (
      SELECT 'room:' || w.room_id AS channel,
        row_number() OVER (PARTITION BY w.room_id ORDER BY w.final_index)::int AS ord,
        'transcript.final' AS event,
        jsonb_build_object(
          'id', w.id, 'segmentId', w.segment_id, 'peerId', w.peer_id, 'nickname', w.nickname,
          'speakerRole', w.speaker_role, 'text', w.text, 'startMs', w.start_ms, 'endMs', w.end_ms,
          'confidence', w.confidence, 'timestamp', ${sql.placeholder('now')}::text, 'source', w.source, 'isFinal', w.is_final,
          'finalIndex', w.final_index, 'revision', w.revision) AS data,
        w.ord AS record
      FROM written w WHERE w.final_index IS NOT NULL
    ), counted AS (
      SELECT n.room_id, max(n.base) AS base, count(*) FILTER (WHERE n.new_final)::int AS numbered,
        (SELECT count(*)::int FROM written w WHERE w.room_id = n.room_id AND w.final_index IS NOT NULL) AS applied
      FROM numbered n GROUP BY n.room_id
    ), bumped AS (
      UPDATE ${rooms} r SET final_count = CASE WHEN c.numbered = c.applied THEN c.base + c.applied END
      FROM counted c WHERE r.id = c.room_id AND c.numbered > 0
      RETURNING r.id
    ), ${appendChannelEventsFrom('outgoing', sql.placeholder('now'))}
    SELECT 'row' AS kind,
      jsonb_build_object(
        'ord', w.ord, 'id', w.id, 'room_id', w.room_id, 'segment_id', w.segment_id, 'peer_id', w.peer_id,
        'nickname', w.nickname, 'speaker_role', w.speaker_role, 'text', w.text, 'start_ms', w.start_ms,
        'end_ms', w.end_ms, 'confidence', w.confidence, 'source', w.source, 'is_final', w.is_final,
        'final_index', w.final_index, 'revision', w.revision,
        'created_ms', (extract(epoch FROM w.created_at) * 1000)::float8) AS info,
      o.data AS view, f.first_seq + o.ord - 1 AS seq
    FROM written w LEFT JOIN outgoing o ON o.record = w.ord LEFT JOIN rt_first f ON f.channel = o.channel
    UNION ALL
    SELECT 'room',
      jsonb_build_object(
        'room_id', l.id, 'status', l.status, 'final_count', l.final_count,
        'assisted_ms', (extract(epoch FROM l.assisted_at) * 1000)::float8,
        'last_summarized', (SELECT coalesce(max(a.last_summarized_index), 0) FROM ${agentSummaries} a WHERE a.room_id = l.id)),
      NULL, NULL
    FROM locked l
    UNION ALL
    SELECT 'sender',
      jsonb_build_object('room_id', s.room_id, 'user_id', s.user_id, 'peer_id', s.peer_id, 'nickname', s.nickname, 'role', s.role),
      NULL, NULL
    FROM senders s WHERE s.peer_id IS NOT NULL`,
);

/**
 * The whole write of a group in one statement, so in one round trip (and, outside a transaction, atomic on its own):
 *
 * 1. the rooms are row-locked in id order (NO KEY UPDATE: a concurrent insert's foreign-key check takes KEY SHARE on
 *    the room and must not deadlock with it), and each sender's peer in them is found, the account still active;
 * 2. the segments of senders in a room that has not ended are upserted on (room, segment id). The UPDATE only touches
 *    a row that is not final yet, so a late partial or a repeated final changes nothing and takes no number; a new
 *    final's index is its room's count (as locked) plus the new finals before it in the group;
 * 3. each room's count moves by its finals, and the finals are stored as `transcript.final` events on `room:<id>`,
 *    numbered in final-index order.
 *
 * A final counted as new but found final when written (another instance wrote the same segment after this statement
 * began and before it got the room's lock) would leave a hole in the numbering: the room's count is then set to null,
 * which its NOT NULL refuses, and the statement is run again.
 */
async function writeRecords(db: Db, records: SegmentRecord[], now: Date): Promise<Written> {
  const pairs = [...new Map(records.map((r) => [`${r.roomId}/${r.userId}`, { room_id: r.roomId, user_id: r.userId }])).values()];
  const roomIds = `{${[...new Set(records.map((r) => r.roomId))].join(',')}}`;
  const input = records.map((r) => ({
    ord: r.ord,
    id: uuidv7(),
    room_id: r.roomId,
    user_id: r.userId,
    segment_id: r.input.segmentId,
    text: r.input.text,
    start_ms: r.input.startMs,
    end_ms: r.input.endMs,
    confidence: r.input.confidence ?? null,
    source: r.input.source ?? 'client',
    is_final: r.input.isFinal,
  }));
  const result = await writeStatement(db, {
    pairs: JSON.stringify(pairs),
    rooms: roomIds,
    input: JSON.stringify(input),
    now: now.toISOString(),
  });
  const written: Written = { rooms: new Map(), senders: new Map(), rows: new Map() };
  for (const r of result) {
    const i = r.info;
    if (r.kind === 'room') {
      written.rooms.set(i.room_id, {
        status: i.status,
        finalCount: Number(i.final_count),
        assistedMs: Number(i.assisted_ms),
        lastSummarized: Number(i.last_summarized),
      });
      continue;
    }
    if (r.kind === 'sender') {
      written.senders.set(`${i.room_id}/${i.user_id}`, { peerId: i.peer_id, nickname: i.nickname, speakerRole: i.role });
      continue;
    }
    const row: TranscriptRow = {
      id: i.id,
      roomId: i.room_id,
      segmentId: i.segment_id,
      peerId: i.peer_id,
      nickname: i.nickname,
      speakerRole: i.speaker_role,
      text: i.text,
      startMs: Number(i.start_ms),
      endMs: Number(i.end_ms),
      confidence: i.confidence === null ? null : Number(i.confidence),
      timestamp: now,
      source: i.source,
      isFinal: i.is_final,
      finalIndex: i.final_index === null ? null : Number(i.final_index),
      revision: Number(i.revision),
      createdAt: new Date(Number(i.created_ms)),
    };
    written.rows.set(Number(i.ord), { row, event: r.view && r.seq !== null ? { data: r.view, seq: Number(r.seq) } : null });
  }
  return written;
}

/** The group's statement, run again when it was refused for a hole in the numbering (see `writeRecords`). */
async function writeOrRetry(db: Db, records: SegmentRecord[], now: Date): Promise<Written> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeRecords(db, records, now);
    } catch (err) {
      if (attempt >= 3 || pgErrorCode(err) !== NOT_NULL_VIOLATION) throw err;
    }
  }
}

/** The segments a group left alone (their segment was final already), as stored. */
async function keptRows(db: Db, records: SegmentRecord[]) {
  if (records.length === 0) return new Map<string, TranscriptRow>();
  const rows = await db
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
 * Several batches (of one or many rooms and senders) written by one statement; then their events fanned out, and
 * the assistant's jobs that came due sent. A batch whose sender may not write to its room gets its error and the
 * others go on. A batch naming a segment twice is alone in its group and applied segment by segment in one
 * transaction, each segment seeing the ones before it.
 */
async function ingestGroup(core: ProductContext, items: IngestItem[], oneByOne: boolean): Promise<(SegmentOutcome[] | AppError)[]> {
  const now = core.clock.now();
  const records: SegmentRecord[] = items
    .flatMap((item, index) => item.inputs.map((input) => ({ item: index, input, roomId: item.roomId, userId: item.user.id })))
    .map((record, ord) => ({ ...record, ord }));
  const written = oneByOne
    ? await inTransaction(core.db, async (tx) => {
        // The room as the first segment found it; the rows of every segment.
        const all: Written = { rooms: new Map(), senders: new Map(), rows: new Map() };
        for (const record of records) {
          const one = await writeRecords(tx, [record], now);
          for (const [k, v] of one.rooms) if (!all.rooms.has(k)) all.rooms.set(k, v);
          for (const [k, v] of one.senders) all.senders.set(k, v);
          for (const [k, v] of one.rows) all.rows.set(k, v);
        }
        return all;
      })
    : await writeOrRetry(core.db, records, now);

  const results: (SegmentOutcome[] | AppError)[] = [];
  for (const [index, item] of items.entries()) {
    const room = written.rooms.get(item.roomId);
    if (!room || room.status === 'ended' || !written.senders.has(`${item.roomId}/${item.user.id}`))
      results[index] = await refusal(core.db, item, room);
    else results[index] = [];
  }
  const accepted = records.filter((r) => !(results[r.item] instanceof AppError));
  const kept = await keptRows(
    core.db,
    accepted.filter((r) => !written.rows.has(r.ord)),
  );
  const finalsByRoom = new Map<string, { outcome: SegmentOutcome; event: { data: unknown; seq: number } }[]>();
  const partials: SegmentOutcome[] = [];
  for (const record of accepted) {
    const w = written.rows.get(record.ord);
    const outcome: SegmentOutcome = w
      ? { row: w.row, applied: true, assist: false }
      : { row: kept.get(`${record.roomId}/${record.input.segmentId}`)!, applied: false, assist: false };
    // Records are in batch order and, within a batch, in segment order.
    (results[record.item] as SegmentOutcome[]).push(outcome);
    if (!w) continue;
    if (w.event) {
      let finals = finalsByRoom.get(record.roomId);
      if (!finals) finalsByRoom.set(record.roomId, (finals = []));
      finals.push({ outcome, event: w.event });
    } else if (!w.row.isFinal) partials.push(outcome);
  }
  // Committed: delivered now, finals in sequence order, then the partials.
  const iso = now.toISOString();
  const stored = [...finalsByRoom.entries()].map(([roomId, finals]) =>
    finals
      .sort((a, b) => a.event.seq - b.event.seq)
      .map((f) => ({ channel: roomChannel(roomId), seq: f.event.seq, event: 'transcript.final', data: f.event.data, at: iso })),
  );
  await core.realtime.fanOut(
    stored,
    partials.map((o) => ({ channel: roomChannel(o.row.roomId), event: 'transcript.partial', data: transcriptView(o.row) })),
  );

  // The assistant runs as a job: ingestion never waits for the AI. Sent after the write, so a crash in between
  // leaves the room due, and the next final sends it.
  const cfg = core.settings(assistSettings);
  const due: { roomId: string; finalCount: number; last: SegmentOutcome }[] = [];
  for (const [roomId, finals] of finalsByRoom) {
    const room = written.rooms.get(roomId)!;
    const finalCount = room.finalCount + finals.length;
    if (finalCount - room.lastSummarized >= cfg.summaryEveryFinals || now.getTime() - room.assistedMs >= cfg.summaryIntervalSeconds * 1000)
      due.push({ roomId, finalCount, last: finals.at(-1)!.outcome });
  }
  if (due.length > 0) {
    await inTransaction(core.db, async (tx) => {
      await tx
        .update(rooms)
        .set({ lastAssistedAt: now })
        .where(
          inArray(
            rooms.id,
            due.map((d) => d.roomId),
          ),
        );
      for (const d of due)
        await core.jobs.send(
          ASSISTANT_JOB,
          { roomId: d.roomId },
          { tx, idempotencyKey: `assist:${d.roomId}:${d.finalCount}`, retryLimit: 2, retryDelay: 2 },
        );
    });
    for (const d of due) d.last.assist = true;
  }
  return results;
}

/** Audio of one utterance, transcribed here; the result is a final segment with source `server-stt`. */
export async function transcribeSegment(
  core: ProductContext,
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
  const endMs = startMs + Math.round(transcript.durationSec * 1000);
  if (endMs > MAX_OFFSET_MS) throw invalid('startMs', `the audio would end after ${MAX_OFFSET_MS} ms`);
  return upsertSegment(core, user, roomId, {
    segmentId: input.segmentId ?? `stt-${uuidv7()}`,
    text,
    isFinal: true,
    startMs,
    endMs,
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
