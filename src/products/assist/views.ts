import { sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { rowsOf } from '../../core/db/database.js';
import type { CustomerSummary, RoomStatus, RoomSummary } from './contract.js';

/** Reads of the two SQL views (migration 0010_assist_views). */

interface CustomerSummaryRow {
  customer_id: string;
  consultation_count: number;
  last_consultation_date: string | Date | null;
  consultation_types: string[] | string;
}

interface RoomSummaryRow {
  room_id: string;
  room_name: string;
  status: string;
  peer_count: number;
  transcript_count: number;
  duration_seconds: number;
  latest_summary: string | null;
  last_summarized_index: number;
}

const dateOnly = (d: string | Date | null) =>
  d === null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10);
const pgArray = (v: string[] | string) =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)
        .map((s) => s.replace(/^"|"$/g, ''));

export async function customerConsultationSummary(core: ProductContext, customerId: string): Promise<CustomerSummary | null> {
  const [row] = rowsOf<CustomerSummaryRow>(
    await core.db.execute(sql`SELECT * FROM assist.customer_consultation_summary WHERE customer_id = ${customerId}`),
  );
  if (!row) return null;
  return {
    customerId: row.customer_id,
    consultationCount: Number(row.consultation_count),
    lastConsultationDate: dateOnly(row.last_consultation_date),
    consultationTypes: pgArray(row.consultation_types).sort(),
  };
}

export async function roomConversationSummary(core: ProductContext, roomId: string): Promise<RoomSummary | null> {
  const [row] = rowsOf<RoomSummaryRow>(
    await core.db.execute(sql`SELECT * FROM assist.room_conversation_summary WHERE room_id = ${roomId}`),
  );
  if (!row) return null;
  return {
    roomId: row.room_id,
    roomName: row.room_name,
    status: row.status as RoomStatus,
    peerCount: Number(row.peer_count),
    transcriptCount: Number(row.transcript_count),
    durationSeconds: Number(row.duration_seconds),
    latestSummary: row.latest_summary,
    lastSummarizedIndex: Number(row.last_summarized_index),
  };
}
