import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { callChannel, sessionView } from '../call-sessions.js';
import { personaNotFound } from '../personas.js';
import { personas, sessions } from '../schema.js';
import type { Call } from '../contract.js';

/** A new call in INIT, to a live persona of the user. */
export async function startCall(core: ProductContext, userId: string, personaId: string): Promise<Call> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    // Locked: a deletion in progress finishes first, and is then seen.
    const [persona] = await tx
      .select({ id: personas.id })
      .from(personas)
      .where(and(eq(personas.id, personaId), eq(personas.userId, userId), eq(personas.isDeleted, false)))
      .for('share');
    if (!persona) throw personaNotFound();
    const now = core.clock.now();
    const [row] = await tx
      .insert(sessions)
      .values({ id: uuidv7(), personaId, userId, status: 'INIT', createdAt: now, updatedAt: now })
      .returning();
    const call = sessionView(core, row!);
    await core.realtime.publish(callChannel(row!.id), 'call.status', call, { tx, afterCommit });
    return call;
  });
}
