import { asc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { resultView, summaryView } from '../assistant.js';
import { roomAsAgent } from '../rooms.js';
import { agentResults, agentSummaries } from '../schema.js';
import type { RoomAssistance } from '../contract.js';

/** The room's incremental summaries and AI results, for its agent only. */
export async function getRoomAssistance(core: ProductContext, user: AuthUser, roomId: string): Promise<RoomAssistance> {
  const { room } = await roomAsAgent(core, user, roomId);
  const summaries = await core.db
    .select()
    .from(agentSummaries)
    .where(eq(agentSummaries.roomId, room.id))
    .orderBy(asc(agentSummaries.lastSummarizedIndex));
  const results = await core.db
    .select()
    .from(agentResults)
    .where(eq(agentResults.roomId, room.id))
    .orderBy(asc(agentResults.createdAt), asc(agentResults.id));
  return { summaries: summaries.map(summaryView), results: results.map(resultView) };
}
