import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { decideRequest, lockPendingRequest } from '../matching.js';
import type { Request } from '../contract.js';

/** Declines a request waiting for the tutor; the student is notified. */
export async function rejectRequest(core: ProductContext, tutorId: string, requestId: string): Promise<Request> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const pending = await lockPendingRequest(tx, tutorId, requestId);
    return decideRequest(core, { tx, afterCommit }, pending, 'REJECTED', core.clock.now());
  });
}
