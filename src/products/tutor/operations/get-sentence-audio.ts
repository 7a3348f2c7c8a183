import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { sentenceView, sessionAudioQuery } from '../practice.js';
import type { Sentence } from '../contract.js';

/** A practice session's sentences and their audio, for its student or an admin. */
export async function getSentenceAudio(core: ProductContext, viewer: AuthUser, sessionId: string): Promise<Sentence[]> {
  const rows = await sessionAudioQuery(core.db, sessionId);
  if (!rows.length || (!viewer.isAdmin && rows[0]!.studentId !== viewer.id))
    throw new AppError('tutor.audio_session_not_found', 404, 'practice session not found');
  return Promise.all(rows.map((r) => sentenceView(core, r)));
}
