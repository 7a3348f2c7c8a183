import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { agentView, requireAgent } from '../customers.js';
import type { Agent } from '../contract.js';

export async function getMyAgent(core: ProductContext, user: AuthUser): Promise<Agent> {
  return agentView(await requireAgent(core, user));
}
