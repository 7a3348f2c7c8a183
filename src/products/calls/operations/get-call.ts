import type { ProductContext } from '../../../core/product.js';
import { ownSession, sessionView } from '../call-sessions.js';
import type { Call } from '../contract.js';

export async function getCall(core: ProductContext, userId: string, sessionId: string): Promise<Call> {
  return sessionView(core, await ownSession(core, userId, sessionId));
}
