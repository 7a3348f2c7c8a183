import { sql } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { agentResults } from '../schema.js';
import type { ModelFeedback } from '../contract.js';

/** Acceptance per result type and model version, so suggestion quality can be compared between models. */
export async function feedbackByModel(core: ProductContext): Promise<ModelFeedback> {
  const rows = await core.db
    .select({
      resultType: agentResults.resultType,
      modelVersion: agentResults.modelVersion,
      total: sql<number>`count(*)::int`,
      accepted: sql<number>`count(*) FILTER (WHERE ${agentResults.feedback} = 'accepted')::int`,
      dismissed: sql<number>`count(*) FILTER (WHERE ${agentResults.feedback} = 'dismissed')::int`,
    })
    .from(agentResults)
    .groupBy(agentResults.resultType, agentResults.modelVersion)
    .orderBy(agentResults.resultType, agentResults.modelVersion);
  return rows.map((r) => ({ ...r, total: Number(r.total), accepted: Number(r.accepted), dismissed: Number(r.dismissed) }));
}
