import type { ProductContext } from '../../../core/product.js';
import { consentView, ownPersona } from '../personas.js';
import { voiceConsents } from '../schema.js';
import type { Consent, ConsentBody } from '../contract.js';

/** Who gave the voice and the user's statement that they may use it; a new statement replaces the old one. */
export async function recordConsent(core: ProductContext, userId: string, personaId: string, input: ConsentBody): Promise<Consent> {
  await ownPersona(core, userId, personaId);
  const now = core.clock.now();
  const values = {
    personaId,
    userId,
    voiceOwner: core.crypt.seal(voiceConsents.voiceOwner, personaId, input.voiceOwner.trim()),
    statement: input.statement,
    consentedAt: now,
  };
  const [row] = await core.db
    .insert(voiceConsents)
    .values(values)
    .onConflictDoUpdate({
      target: voiceConsents.personaId,
      set: { voiceOwner: values.voiceOwner, statement: values.statement, consentedAt: now },
    })
    .returning();
  return consentView(core, row!);
}
