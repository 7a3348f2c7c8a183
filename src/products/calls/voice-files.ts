import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { uuidv7 } from '../../core/db/ids.js';
import { AppError } from '../../core/http/errors.js';
import type { FileRecord } from '../../core/files/files.js';
import { ownPersona } from './personas.js';
import { voiceData } from './schema.js';
import type { VoiceFile } from './contract.js';

export type VoiceRow = typeof voiceData.$inferSelect;

export function voiceView(v: VoiceRow, file: Pick<FileRecord, 'originalName' | 'contentType'> | null): VoiceFile {
  return {
    id: v.id,
    personaId: v.personaId,
    fileId: v.fileId,
    fileName: file?.originalName ?? null,
    contentType: file?.contentType ?? null,
    fileSize: v.fileSize,
    aiFileId: v.aiFileId,
    uploadedAt: v.uploadedAt.toISOString(),
  };
}

/** The recording with its file's name and type (null once the file is gone). */
export async function describeVoiceFile(core: ProductContext, v: VoiceRow): Promise<VoiceFile> {
  return voiceView(v, await core.files.find(v.fileId));
}

/**
 * Records a stored recording under the persona and hands it to the engine through a signed download link; the file is
 * deleted if the engine refuses it.
 */
export async function registerVoiceFile(core: ProductContext, userId: string, personaId: string, file: FileRecord): Promise<VoiceFile> {
  const link = core.files.signUrl(file, 3600);
  let aiFileId: string;
  try {
    ({ fileId: aiFileId } = await core.ai.uploadVoiceFile({
      personaId,
      fileUrl: link.url,
      fileName: file.originalName ?? undefined,
      contentType: file.contentType,
      fileSize: file.size,
      userId,
      promptVersion: 'calls.voice-upload@1',
    }));
  } catch (err) {
    await core.files.deleteNow([file.id]);
    throw err;
  }
  const now = core.clock.now();
  const [row] = await core.db
    .insert(voiceData)
    .values({ id: uuidv7(), personaId, fileId: file.id, fileSize: file.size, aiFileId, uploadedAt: now, createdAt: now, updatedAt: now })
    .returning();
  return voiceView(row!, file);
}

/** A recording of one of the user's live personas. */
export async function ownVoiceFile(core: ProductContext, userId: string, personaId: string, voiceId: string): Promise<VoiceRow> {
  await ownPersona(core, userId, personaId);
  const [row] = await core.db
    .select()
    .from(voiceData)
    .where(and(eq(voiceData.id, voiceId), eq(voiceData.personaId, personaId)));
  if (!row) throw new AppError('calls.voice_file_not_found', 404, 'voice file not found');
  return row;
}
