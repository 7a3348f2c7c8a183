import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { personaNotFound, personaView } from '../personas.js';
import { personas } from '../schema.js';
import type { Persona, UpdatePersonaBody } from '../contract.js';

/** Edits or deactivates a persona; a deactivated one takes no new conversations and keeps its history. */
export async function updatePersona(core: ProductContext, id: string, patch: UpdatePersonaBody): Promise<Persona> {
  const [row] = await core.db
    .update(personas)
    .set({ ...patch, updatedAt: core.clock.now() })
    .where(eq(personas.id, id))
    .returning();
  if (!row) throw personaNotFound(id);
  return personaView(row);
}
