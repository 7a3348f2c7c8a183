import { sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { pgErrorCode, rowsOf } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../time/clock.js';
import type { AiCapability } from './engine.js';
import { aiCalls } from './schema.js';

export interface AiCallRecord {
  userId: string | null;
  capability: AiCapability;
  provider: string;
  model: string;
  promptVersion: string | null;
  latencyMs: number;
  promptTokens?: number;
  completionTokens?: number;
  audioSeconds?: number;
  characters?: number;
  status: 'ok' | 'error';
  errorCode?: string | null;
}

/** Writes one core.ai_calls row and returns its id. */
export async function recordAiCall(db: Db, clock: Clock, call: AiCallRecord): Promise<string> {
  const id = uuidv7();
  const row = {
    id,
    userId: call.userId,
    capability: call.capability,
    provider: call.provider,
    model: call.model,
    promptVersion: call.promptVersion,
    latencyMs: Math.max(0, Math.round(call.latencyMs)),
    promptTokens: call.promptTokens ?? 0,
    completionTokens: call.completionTokens ?? 0,
    audioSeconds: call.audioSeconds ?? 0,
    characters: call.characters ?? 0,
    status: call.status,
    errorCode: call.errorCode ?? null,
    createdAt: clock.now(),
  };
  try {
    await db.insert(aiCalls).values(row);
  } catch (err) {
    // The account was erased while its call ran: keep the usage, unattributed, as erasure would have left it.
    if (pgErrorCode(err) !== '23503' || row.userId === null) throw err;
    await db.insert(aiCalls).values({ ...row, userId: null });
  }
  return id;
}

export function startOfUtcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** A user's successful calls and tokens since the start of the current UTC day. */
export async function usageToday(db: Db, clock: Clock, userId: string): Promise<{ calls: number; tokens: number }> {
  const since = startOfUtcDay(clock.now());
  const rows = rowsOf<{ calls: number | string; tokens: number | string }>(
    await db.execute(sql`
      SELECT count(*) AS calls, coalesce(sum(prompt_tokens + completion_tokens), 0) AS tokens
      FROM core.ai_calls
      WHERE user_id = ${userId} AND created_at >= ${since.toISOString()} AND status = 'ok'`),
  );
  return { calls: Number(rows[0]?.calls ?? 0), tokens: Number(rows[0]?.tokens ?? 0) };
}

/** Throws 429 `ai.quota_exceeded` (with Retry-After until the next UTC midnight) when a daily limit is used up. */
export async function enforceDailyQuota(
  db: Db,
  clock: Clock,
  userId: string,
  quota: { tokensPerDay: number; callsPerDay: number },
): Promise<void> {
  if (!quota.tokensPerDay && !quota.callsPerDay) return;
  const used = await usageToday(db, clock, userId);
  const overCalls = quota.callsPerDay > 0 && used.calls >= quota.callsPerDay;
  const overTokens = quota.tokensPerDay > 0 && used.tokens >= quota.tokensPerDay;
  if (!overCalls && !overTokens) return;
  const now = clock.now();
  const retryAfterSeconds = Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
  const what = overTokens ? `${quota.tokensPerDay} tokens` : `${quota.callsPerDay} AI calls`;
  throw new AppError('ai.quota_exceeded', 429, `the daily AI quota of ${what} is used up; it resets at 00:00 UTC`, {
    retryAfterSeconds,
    used,
    quota: { tokensPerDay: quota.tokensPerDay || null, callsPerDay: quota.callsPerDay || null },
  });
}
