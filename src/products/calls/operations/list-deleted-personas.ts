import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { personaView, restorableUntil } from '../personas.js';
import { personas } from '../schema.js';
import type { DeletedPersona } from '../contract.js';

/** The user's deleted personas, most recently deleted first, with the time each stops being restorable. */
export async function listDeletedPersonas(core: ProductContext, userId: string): Promise<DeletedPersona[]> {
  const rows = await core.db
    .select()
    .from(personas)
    .where(and(eq(personas.userId, userId), eq(personas.isDeleted, true)))
    .orderBy(desc(personas.deletedAt));
  return rows.map((p) => ({ ...personaView(core, p), restorableUntil: restorableUntil(p).toISOString() }));
}
