import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { endOpenSessionsOfPersona } from '../call-sessions.js';
import { ownPersona } from '../personas.js';
import { personas } from '../schema.js';

/** Soft delete: gone from lists at once; calls still open end as cancelled; purged after RESTORE_DAYS. */
export async function deletePersona(core: ProductContext, userId: string, id: string): Promise<void> {
  await inTransaction(core.db, async (tx, afterCommit) => {
    await ownPersona(core, userId, id, tx, { lock: true });
    const now = core.clock.now();
    await endOpenSessionsOfPersona(core, { tx, afterCommit }, id, 'cancelled');
    await tx.update(personas).set({ isDeleted: true, deletedAt: now, updatedAt: now }).where(eq(personas.id, id));
  });
}
