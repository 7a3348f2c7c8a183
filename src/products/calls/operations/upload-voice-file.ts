import type { FastifyRequest } from 'fastify';
import type { ProductContext } from '../../../core/product.js';
import { AUDIO_KINDS } from '../../../core/files/content-types.js';
import { ownPersona } from '../personas.js';
import { registerVoiceFile } from '../voice-files.js';
import type { VoiceFile } from '../contract.js';

/** A recording of the persona's voice (multipart `file`, or the raw audio with X-File-Name), handed to the voice engine. */
export async function uploadVoiceFile(
  core: ProductContext,
  userId: string,
  personaId: string,
  request: FastifyRequest,
): Promise<VoiceFile> {
  // Ownership first, so nothing is stored for someone else's persona.
  const persona = await ownPersona(core, userId, personaId);
  const file = await core.files.receive(request, { product: 'calls', purpose: 'voice-sample', accept: AUDIO_KINDS });
  return registerVoiceFile(core, userId, persona.id, file);
}
