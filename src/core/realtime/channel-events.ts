import { and, asc, eq, gt, lte, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/database.js';
import type { RetentionPolicy } from '../product.js';
import { channelEvents, channelHeads } from './schema.js';

/** A stored channel event as clients receive it. */
export interface RealtimeEvent {
  channel: string;
  seq: number;
  event: string;
  data: unknown;
  at: string;
}

/**
 * Takes the channel's next sequence number and stores the event in one statement, in the caller's
 * transaction (or on its own). The head row stays locked until that transaction ends, so sequence
 * numbers of one channel commit in order on any number of instances: once N is visible, every
 * number below it is too.
 */
export async function appendChannelEvent(db: Db, channel: string, event: string, data: unknown, at: Date): Promise<RealtimeEvent> {
  const rows = rowsOf<{ seq: string | number }>(
    await db.execute(sql`
      WITH head AS (
        INSERT INTO ${channelHeads} (channel, seq, updated_at) VALUES (${channel}, 1, ${at})
        ON CONFLICT (channel) DO UPDATE SET seq = ${channelHeads}.seq + 1, updated_at = excluded.updated_at
        RETURNING seq
      )
      INSERT INTO ${channelEvents} (channel, seq, event, data, created_at)
      SELECT ${channel}, head.seq, ${event}, ${JSON.stringify(data)}::jsonb, ${at} FROM head
      RETURNING seq`),
  );
  return { channel, seq: Number(rows[0]!.seq), event, data, at: at.toISOString() };
}

/**
 * For a writer that stores its rows and their events in one statement (one round trip): CTEs that append the events
 * a CTE of the caller's statement yields, named by `source`, with columns `channel text`, `ord int` (1, 2 … within
 * each channel, in order), `event text` and `data jsonb`. Each channel's head moves by its count (heads taken in
 * channel order, so two such statements cannot deadlock) and stays locked until the transaction ends. Defines
 * `rt_first(channel, first_seq)`: an event's sequence number is `first_seq + ord - 1`. Hand the events to
 * `Realtime.fanOut` once the statement's transaction has committed. `at` may be a placeholder (a named statement).
 */
export function appendChannelEventsFrom(source: string, at: Date | Placeholder): SQL {
  if (!/^[a-z_][a-z0-9_]*$/.test(source)) throw new Error(`"${source}" is not a CTE name`);
  const from = sql.raw(source);
  return sql`
    rt_counts AS (
      SELECT channel, count(*)::int AS n FROM ${from} GROUP BY channel
    ), rt_head AS (
      INSERT INTO ${channelHeads} (channel, seq, updated_at)
      SELECT channel, n, ${at}::timestamptz FROM rt_counts ORDER BY channel
      ON CONFLICT (channel) DO UPDATE SET seq = ${channelHeads}.seq + excluded.seq, updated_at = excluded.updated_at
      RETURNING channel, seq
    ), rt_first AS (
      SELECT h.channel, h.seq - c.n + 1 AS first_seq FROM rt_head h JOIN rt_counts c ON c.channel = h.channel
    ), rt_events AS (
      INSERT INTO ${channelEvents} (channel, seq, event, data, created_at)
      SELECT s.channel, f.first_seq + s.ord - 1, s.event, s.data, ${at}::timestamptz
      FROM ${from} s JOIN rt_first f ON f.channel = s.channel
      RETURNING seq
    )`;
}

/** The last sequence number given out on a channel (0 before its first event). */
export async function channelHead(db: Db, channel: string): Promise<number> {
  const [row] = await db.select({ seq: channelHeads.seq }).from(channelHeads).where(eq(channelHeads.channel, channel));
  return row ? Number(row.seq) : 0;
}

/** Stored events with `afterSeq < seq <= uptoSeq`, in order, at most `limit`. */
export async function readChannelEvents(
  db: Db,
  channel: string,
  afterSeq: number,
  uptoSeq: number,
  limit: number,
): Promise<RealtimeEvent[]> {
  const rows = await db
    .select()
    .from(channelEvents)
    .where(and(eq(channelEvents.channel, channel), gt(channelEvents.seq, afterSeq), lte(channelEvents.seq, uptoSeq)))
    .orderBy(asc(channelEvents.seq))
    .limit(limit);
  return rows.map((r) => ({ channel: r.channel, seq: Number(r.seq), event: r.event, data: r.data, at: r.createdAt.toISOString() }));
}

/** Replay reaches back this far; a client away longer reloads the state over HTTP. Heads are kept so numbers never restart. */
export const CHANNEL_EVENT_RETENTION_DAYS = 7;

export const channelEventRetention: RetentionPolicy = {
  name: 'core.channel_events',
  kind: 'ttl',
  table: channelEvents,
  column: 'created_at',
  days: CHANNEL_EVENT_RETENTION_DAYS,
};

/** Account deletion: the user's own channel carries their notifications, so its history goes with them. */
export async function eraseUserChannel(tx: Db, userId: string): Promise<void> {
  const channel = `user:${userId}`;
  await tx.delete(channelEvents).where(eq(channelEvents.channel, channel));
  await tx.delete(channelHeads).where(eq(channelHeads.channel, channel));
}
