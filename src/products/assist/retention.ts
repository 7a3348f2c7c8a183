import { sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { RetentionPolicy } from '../../core/product.js';
import { consultationHistory, consultationSessions, customers, rooms } from './schema.js';
import { assistSettings, type AssistSettings } from './environment.js';

/**
 * How long assist keeps what it learns about callers (ASSIST_ROOM_RETENTION_DAYS, ASSIST_RECORD_RETENTION_DAYS):
 *
 * - a room's live data — the room, its peers, its live transcript and incremental summaries — goes `roomDays` after
 *   the room ended (ending it already copied the transcript into the consultation record), and a room nobody ever
 *   joined goes `roomDays` after it was opened;
 * - a consultation session with its turn-by-turn transcript and AI results goes `recordDays` after it ended, a customer
 *   history entry `recordDays` after it was written, and so does the digest of it kept on the customer;
 * - a customer goes once nothing of theirs is kept any more (no history, session or room) and they were registered
 *   more than `recordDays` ago.
 *
 * Agents are staff records, not callers' data: they stay while their account exists and go with it.
 */
export function assistRetention(settings: AssistSettings): RetentionPolicy[] {
  const { roomDays, recordDays } = settings.retention;
  return [
    { name: 'assist.rooms.ended', kind: 'ttl', table: rooms, column: 'ended_at', days: roomDays, where: sql`status = 'ended'` },
    { name: 'assist.rooms.unused', kind: 'ttl', table: rooms, column: 'created_at', days: roomDays, where: sql`status = 'waiting'` },
    { name: 'assist.consultation_sessions', kind: 'ttl', table: consultationSessions, column: 'ended_at', days: recordDays },
    { name: 'assist.consultation_history', kind: 'ttl', table: consultationHistory, column: 'created_at', days: recordDays },
    {
      name: 'assist.customers',
      kind: 'ttl',
      table: customers,
      column: 'created_at',
      days: recordDays,
      where: sql`NOT EXISTS (SELECT 1 FROM ${consultationHistory} h WHERE h.customer_id = ${customers}.id)
        AND NOT EXISTS (SELECT 1 FROM ${consultationSessions} s WHERE s.customer_id = ${customers}.id)
        AND NOT EXISTS (SELECT 1 FROM ${rooms} r WHERE r.customer_id = ${customers}.id)`,
    },
  ];
}

/** Drops the entries of each customer's consultation digest older than the record retention (their history rows are gone). */
export async function trimConsultationDigests(core: ProductContext): Promise<number> {
  const cutoff = new Date(core.clock.now().getTime() - core.settings(assistSettings).retention.recordDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const updated = await core.db
    .update(customers)
    .set({
      consultationHistory: sql`(SELECT coalesce(jsonb_agg(e ORDER BY n), '[]'::jsonb)
        FROM jsonb_array_elements(${customers.consultationHistory}) WITH ORDINALITY AS x(e, n) WHERE e->>'date' >= ${cutoff})`,
    })
    .where(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(${customers.consultationHistory}) e WHERE e->>'date' < ${cutoff})`)
    .returning({ id: customers.id });
  return updated.length;
}
