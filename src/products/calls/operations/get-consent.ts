import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { consentView, ownPersona } from '../personas.js';
import { voiceConsents } from '../schema.js';
import type { Consent } from '../contract.js';

export async function getConsent(core: ProductContext, userId: string, personaId: string): Promise<Consent> {
  await ownPersona(core, userId, personaId);
  const [row] = await core.db.select().from(voiceConsents).where(eq(voiceConsents.personaId, personaId));
  if (!row) throw new AppError('calls.consent_not_found', 404, 'no voice consent was given for this persona');
  return consentView(core, row);
}
