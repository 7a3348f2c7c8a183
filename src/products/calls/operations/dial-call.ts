import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { CONNECT_TIMEOUT_JOB, lockCallFor, saveCallState, sessionView } from '../call-sessions.js';
import { getSettings } from '../settings.js';
import type { Call } from '../contract.js';

/** INIT → CONNECTING; the call ends by itself once the user's call_timeout_seconds have passed. */
export async function dialCall(core: ProductContext, userId: string, sessionId: string): Promise<Call> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const session = await lockCallFor(core, tx, userId, sessionId, 'CONNECTING');
    const now = core.clock.now();
    const dialed = await saveCallState(core, { tx, afterCommit }, session.id, { status: 'CONNECTING', dialedAt: now, updatedAt: now });
    const { callTimeoutSeconds } = await getSettings(core, userId, tx);
    await core.jobs.send(
      CONNECT_TIMEOUT_JOB,
      { sessionId: session.id },
      { tx, startAfter: callTimeoutSeconds, idempotencyKey: `connect-timeout:${session.id}` },
    );
    return sessionView(core, dialed);
  });
}
