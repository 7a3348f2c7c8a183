import type { ProductContext } from '../../../core/product.js';
import { agentView, registerAgent as grantAgent } from '../customers.js';
import type { Agent, RegisterAgentBody } from '../contract.js';

/** Makes an account an agent: the assist agent role and the agent record. */
export async function registerAgent(core: ProductContext, input: RegisterAgentBody): Promise<Agent> {
  return agentView(await grantAgent(core, input));
}
