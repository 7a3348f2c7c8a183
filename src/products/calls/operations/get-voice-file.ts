import type { ProductContext } from '../../../core/product.js';
import { describeVoiceFile, ownVoiceFile } from '../voice-files.js';
import type { VoiceFile, VoiceParams } from '../contract.js';

export async function getVoiceFile(core: ProductContext, userId: string, { id, voiceId }: VoiceParams): Promise<VoiceFile> {
  return describeVoiceFile(core, await ownVoiceFile(core, userId, id, voiceId));
}
