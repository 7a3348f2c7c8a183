import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { ScoreTrend } from '../contract.js';
import { sessions } from '../schema.js';

/** Completed sessions' scores over time, per position. */
export async function scoreTrend(core: ProductContext, userId: string, position?: string): Promise<ScoreTrend> {
  const rows = await core.db
    .select({ id: sessions.id, position: sessions.position, score: sessions.overallScore, completedAt: sessions.completedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNotNull(sessions.completedAt), position ? eq(sessions.position, position) : undefined))
    .orderBy(asc(sessions.position), asc(sessions.completedAt))
    .limit(1000);
  const byPosition = new Map<string, { sessionId: string; score: number; completedAt: string }[]>();
  for (const r of rows) {
    const list = byPosition.get(r.position) ?? [];
    list.push({ sessionId: r.id, score: r.score ?? 0, completedAt: r.completedAt!.toISOString() });
    byPosition.set(r.position, list);
  }
  return [...byPosition].map(([p, points]) => ({
    position: p,
    points,
    average: Math.round(points.reduce((s, x) => s + x.score, 0) / points.length),
    change: points.length > 1 ? points[points.length - 1]!.score - points[0]!.score : 0,
  }));
}
