import type { ProductContext } from '../../../core/product.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { assertOwnImage, assertPhoneFree, personaView, phoneIndex, withPhoneUniqueness } from '../personas.js';
import { personas } from '../schema.js';
import type { CreatePersonaBody, Persona } from '../contract.js';

/** A persona in the user's phonebook; its name, number, relationship and memo are stored encrypted. */
export async function createPersona(core: ProductContext, userId: string, input: CreatePersonaBody): Promise<Persona> {
  const phone = phoneIndex(core, input.phoneNumber);
  await assertOwnImage(core, userId, input.profileImageFileId);
  await assertPhoneFree(core.db, userId, phone.candidates);
  const id = uuidv7();
  const now = core.clock.now();
  const [row] = await withPhoneUniqueness(
    core.db
      .insert(personas)
      .values({
        id,
        userId,
        name: core.crypt.seal(personas.name, id, input.name.trim()),
        phoneNumber: core.crypt.seal(personas.phoneNumber, id, input.phoneNumber.trim()),
        phoneBlindIndex: phone.current,
        relationship: core.crypt.sealOptional(personas.relationship, id, input.relationship),
        memo: core.crypt.sealOptional(personas.memo, id, input.memo),
        profileImageFileId: input.profileImageFileId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning(),
  );
  return personaView(core, row!);
}
