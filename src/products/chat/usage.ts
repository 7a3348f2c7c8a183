import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { AppError } from '../../core/http/errors.js';
import type { TokenUsage } from '../../core/ai/engine.js';
import { dailyTokenUsage } from './schema.js';
import type { Usage, UsageQuery } from './contract.js';
import { chatSettings } from './environment.js';

export const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** Rejects a reply when the user has used up today's tokens; Retry-After points at the next UTC midnight. */
export async function assertWithinDailyLimit(core: ProductContext, userId: string): Promise<void> {
  const limit = core.settings(chatSettings).dailyTokenLimit;
  if (!limit) return;
  const now = core.clock.now();
  const [row] = await core.db
    .select({ used: sql<number>`${dailyTokenUsage.promptTokens} + ${dailyTokenUsage.completionTokens}` })
    .from(dailyTokenUsage)
    .where(and(eq(dailyTokenUsage.userId, userId), eq(dailyTokenUsage.day, utcDay(now))));
  if (row && Number(row.used) >= limit) {
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    throw new AppError('chat.daily_token_limit', 429, `the daily limit of ${limit} tokens is used up`, {
      retryAfterSeconds: Math.ceil((midnight - now.getTime()) / 1000),
    });
  }
}

/** Adds one reply's tokens to the user's day, in the transaction that stores the reply. */
export async function recordTokenUsage(tx: Db, userId: string, day: string, usage: TokenUsage): Promise<void> {
  await tx
    .insert(dailyTokenUsage)
    .values({ userId, day, promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, replies: 1 })
    .onConflictDoUpdate({
      target: [dailyTokenUsage.userId, dailyTokenUsage.day],
      set: {
        promptTokens: sql`${dailyTokenUsage.promptTokens} + excluded.prompt_tokens`,
        completionTokens: sql`${dailyTokenUsage.completionTokens} + excluded.completion_tokens`,
        replies: sql`${dailyTokenUsage.replies} + 1`,
      },
    });
}

/** The user's tokens per UTC day (default: the last 30 days) and the daily limit. */
export async function readUsage(core: ProductContext, userId: string, query: UsageQuery): Promise<Usage> {
  const today = core.clock.now();
  const to = query.to ?? utcDay(today);
  const from = query.from ?? utcDay(new Date(today.getTime() - 29 * 86_400_000));
  const rows = await core.db
    .select()
    .from(dailyTokenUsage)
    .where(and(eq(dailyTokenUsage.userId, userId), gte(dailyTokenUsage.day, from), lte(dailyTokenUsage.day, to)))
    .orderBy(asc(dailyTokenUsage.day));
  const days = rows.map((d) => ({
    day: d.day,
    promptTokens: d.promptTokens,
    completionTokens: d.completionTokens,
    totalTokens: d.promptTokens + d.completionTokens,
    replies: d.replies,
  }));
  return {
    days,
    totalTokens: days.reduce((s, d) => s + d.totalTokens, 0),
    dailyLimit: core.settings(chatSettings).dailyTokenLimit || null,
  };
}
