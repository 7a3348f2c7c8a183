import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import {
  assertPhoneFree,
  ownPersona,
  PHONE_PURPOSE,
  personaNotFound,
  personaView,
  restorableUntil,
  withPhoneUniqueness,
} from '../personas.js';
import { personas } from '../schema.js';
import type { Persona } from '../contract.js';

/** Brings a deleted persona back within the grace period, if no live persona of the user has taken its number since. */
export async function restorePersona(core: ProductContext, userId: string, id: string): Promise<Persona> {
  const p = await ownPersona(core, userId, id, core.db, { includeDeleted: true });
  if (!p.isDeleted) throw new AppError('calls.persona_not_deleted', 409, 'the persona is not deleted');
  if (restorableUntil(p).getTime() <= core.clock.now().getTime()) throw personaNotFound();
  const candidates = core.crypt.blindCandidates(PHONE_PURPOSE, 'phone', core.crypt.open(personas.phoneNumber, p.id, p.phoneNumber));
  await assertPhoneFree(core.db, userId, candidates, p.id);
  const [row] = await withPhoneUniqueness(
    core.db.update(personas).set({ isDeleted: false, deletedAt: null, updatedAt: core.clock.now() }).where(eq(personas.id, id)).returning(),
  );
  return personaView(core, row!);
}
