import { and, asc, eq, gt, lte, sql, type SQL } from 'drizzle-orm';
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
 * Several events of one channel in one statement: the head moves by their count and they take the
 * numbers in between, in the order given. Same locking as `appendChannelEvent`.
 */
export async function appendChannelEvents(
  db: Db,
  channel: string,
  items: { event: string; data: unknown }[],
  at: Date,
): Promise<RealtimeEvent[]> {
  if (items.length === 0) return [];
  if (items.length === 1) return [await appendChannelEvent(db, channel, items[0]!.event, items[0]!.data, at)];
  const n = items.length;
  const rows = rowsOf<{ seq: string | number }>(
    await db.execute(sql`
      WITH head AS (
        INSERT INTO ${channelHeads} (channel, seq, updated_at) VALUES (${channel}, ${n}, ${at})
        ON CONFLICT (channel) DO UPDATE SET seq = ${channelHeads}.seq + ${n}, updated_at = excluded.updated_at
        RETURNING seq
      )
      INSERT INTO ${channelEvents} (channel, seq, event, data, created_at)
      SELECT ${channel}, head.seq - ${n} + e.ord, e.item->>'event', e.item->'data', ${at}
      FROM head, jsonb_array_elements(${JSON.stringify(items)}::jsonb) WITH ORDINALITY AS e(item, ord)
      RETURNING seq`),
  );
  const first = Math.min(...rows.map((r) => Number(r.seq)));
  return items.map((item, i) => ({ channel, seq: first + i, event: item.event, data: item.data, at: at.toISOString() }));
}

/**
 * Events of several channels in one statement: each channel's head moves by its count and its events take the
 * numbers in between, in the order given. Heads are taken in channel order, so two such batches cannot deadlock.
 */
export async function appendChannelEventGroups(
  db: Db,
  groups: { channel: string; items: { event: string; data: unknown }[] }[],
  at: Date,
): Promise<RealtimeEvent[][]> {
  const present = groups.filter((g) => g.items.length > 0);
  if (present.length === 0) return groups.map(() => []);
  if (present.length === 1) {
    const only = await appendChannelEvents(db, present[0]!.channel, present[0]!.items, at);
    return groups.map((g) => (g === present[0] ? only : []));
  }
  const heads = [...present].sort((a, b) => (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
  const counts = heads.map((g) => ({ channel: g.channel, n: g.items.length }));
  const events = present.flatMap((g) => g.items.map((item, i) => ({ channel: g.channel, ord: i + 1, event: item.event, data: item.data })));
  const rows = rowsOf<{ channel: string; seq: string | number }>(
    await db.execute(sql`
      WITH counts AS (
        SELECT * FROM jsonb_to_recordset(${JSON.stringify(counts)}::jsonb) AS c(channel text, n int)
      ), head AS (
        INSERT INTO ${channelHeads} (channel, seq, updated_at)
        SELECT channel, n, ${at} FROM counts ORDER BY channel
        ON CONFLICT (channel) DO UPDATE SET seq = ${channelHeads}.seq + excluded.seq, updated_at = excluded.updated_at
        RETURNING channel, seq
      )
      INSERT INTO ${channelEvents} (channel, seq, event, data, created_at)
      SELECT e.channel, head.seq - counts.n + e.ord, e.event, e.data, ${at}
      FROM jsonb_to_recordset(${JSON.stringify(events)}::jsonb) AS e(channel text, ord int, event text, data jsonb)
      JOIN head ON head.channel = e.channel
      JOIN counts ON counts.channel = e.channel
      RETURNING channel, seq`),
  );
  const first = new Map<string, number>();
  for (const r of rows) {
    const seq = Number(r.seq);
    if (!first.has(r.channel) || seq < first.get(r.channel)!) first.set(r.channel, seq);
  }
  const iso = at.toISOString();
  return groups.map((g) => g.items.map((item, i) => ({ channel: g.channel, seq: first.get(g.channel)! + i, event: item.event, data: item.data, at: iso })));
}

/**
 * For a writer that stores its rows and their events in one statement (one round trip): CTEs that append the events
 * a CTE of the caller's statement yields, named by `source`, with columns `channel text`, `ord int` (1, 2 … within
 * each channel, in order), `event text` and `data jsonb`. Each channel's head moves by its count (heads taken in
 * channel order, as `appendChannelEventGroups`) and stays locked until the transaction ends. Defines
 * `rt_first(channel, first_seq)`: an event's sequence number is `first_seq + ord - 1`. Hand the events to
 * `Realtime.fanOut` once the statement's transaction has committed.
 */
export function appendChannelEventsFrom(source: string, at: Date): SQL {
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
