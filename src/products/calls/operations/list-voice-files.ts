import { asc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { ownPersona } from '../personas.js';
import { describeVoiceFile } from '../voice-files.js';
import { voiceData } from '../schema.js';
import type { VoiceFile } from '../contract.js';

/** The persona's recordings, oldest first. */
export async function listVoiceFiles(core: ProductContext, userId: string, personaId: string): Promise<VoiceFile[]> {
  await ownPersona(core, userId, personaId);
  const rows = await core.db.select().from(voiceData).where(eq(voiceData.personaId, personaId)).orderBy(asc(voiceData.uploadedAt));
  const out: VoiceFile[] = [];
  for (const v of rows) out.push(await describeVoiceFile(core, v));
  return out;
}
