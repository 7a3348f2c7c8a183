import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { ownVoiceFile } from '../voice-files.js';
import { voiceData } from '../schema.js';
import type { VoiceParams } from '../contract.js';

/** Deletes the recording and its file together. */
export async function deleteVoiceFile(core: ProductContext, userId: string, { id, voiceId }: VoiceParams): Promise<void> {
  const row = await ownVoiceFile(core, userId, id, voiceId);
  await inTransaction(core.db, async (tx) => {
    await tx.delete(voiceData).where(eq(voiceData.id, row.id));
    await core.files.deleteNow([row.fileId], tx);
  });
}
