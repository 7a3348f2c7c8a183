import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { endSession, ownSession, sessionView } from '../call-sessions.js';
import type { Call, EndedReason } from '../contract.js';

/** Hangs up: INIT, CONNECTING or ACTIVE → ENDED, with the call log written in the same transaction. */
export async function endCall(core: ProductContext, userId: string, sessionId: string, reason: EndedReason): Promise<Call> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const session = await ownSession(core, userId, sessionId, tx, true);
    return sessionView(core, await endSession(core, { tx, afterCommit }, session, reason));
  });
}
