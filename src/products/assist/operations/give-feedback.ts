import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { resultView } from '../assistant.js';
import { requireAgent } from '../customers.js';
import { agentResults, rooms } from '../schema.js';
import type { Feedback, Result } from '../contract.js';

/** The agent accepts or dismisses a result; only the agent of the result's room may. */
export async function giveFeedback(core: ProductContext, user: AuthUser, resultId: string, feedback: Feedback): Promise<Result> {
  const agent = await requireAgent(core, user);
  const [row] = await core.db
    .select({ id: agentResults.id })
    .from(agentResults)
    .innerJoin(rooms, eq(rooms.id, agentResults.roomId))
    .where(and(eq(agentResults.id, resultId), eq(rooms.agentId, agent.id)));
  if (!row) throw new AppError('assist.result_not_found', 404, 'result not found');
  const [updated] = await core.db
    .update(agentResults)
    .set({ feedback, feedbackAt: core.clock.now() })
    .where(eq(agentResults.id, resultId))
    .returning();
  return resultView(updated!);
}
