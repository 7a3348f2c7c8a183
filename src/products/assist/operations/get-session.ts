import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { requireAgent } from '../customers.js';
import { sessionDetail, sessionDetailView } from '../rooms.js';
import type { SessionWithTurns } from '../contract.js';

/** A consultation session turn by turn, for the agent who held it (or an admin who is an agent). */
export async function getSession(core: ProductContext, user: AuthUser, sessionId: string): Promise<SessionWithTurns> {
  const agent = await requireAgent(core, user);
  const detail = await sessionDetail(core, sessionId);
  if (!detail || (detail.session.agentId !== agent.id && !user.isAdmin))
    throw new AppError('assist.session_not_found', 404, 'consultation session not found');
  return sessionDetailView(detail);
}
