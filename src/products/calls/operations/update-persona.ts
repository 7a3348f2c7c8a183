import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { assertOwnImage, assertPhoneFree, ownPersona, personaView, phoneIndex, withPhoneUniqueness } from '../personas.js';
import { personas } from '../schema.js';
import type { Persona, UpdatePersonaBody } from '../contract.js';

/** Changes the fields given; a new phone number must be free among the user's live personas. */
export async function updatePersona(core: ProductContext, userId: string, id: string, patch: UpdatePersonaBody): Promise<Persona> {
  const current = await ownPersona(core, userId, id);
  const set: Partial<typeof personas.$inferInsert> = { updatedAt: core.clock.now() };
  if (patch.name !== undefined) set.name = core.crypt.seal(personas.name, id, patch.name.trim());
  if (patch.phoneNumber !== undefined) {
    const phone = phoneIndex(core, patch.phoneNumber);
    await assertPhoneFree(core.db, userId, phone.candidates, current.id);
    set.phoneNumber = core.crypt.seal(personas.phoneNumber, id, patch.phoneNumber.trim());
    set.phoneBlindIndex = phone.current;
  }
  if (patch.relationship !== undefined) set.relationship = core.crypt.sealOptional(personas.relationship, id, patch.relationship);
  if (patch.memo !== undefined) set.memo = core.crypt.sealOptional(personas.memo, id, patch.memo);
  if (patch.profileImageFileId !== undefined) {
    await assertOwnImage(core, userId, patch.profileImageFileId);
    set.profileImageFileId = patch.profileImageFileId;
  }
  const [row] = await withPhoneUniqueness(core.db.update(personas).set(set).where(eq(personas.id, id)).returning());
  return personaView(core, row!);
}
