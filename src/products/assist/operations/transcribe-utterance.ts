import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { AppError } from '../../../core/http/errors.js';
import { accessibleRoom } from '../rooms.js';
import { segmentResult, transcribeSegment } from '../transcripts.js';
import { AUDIO_TYPES, type AudioSegmentQuery, type SegmentResult } from '../contract.js';

export interface Utterance {
  /** The request's Content-Type header, parameters included. */
  contentType: string | undefined;
  audio: AsyncIterable<Uint8Array>;
  query: AudioSegmentQuery;
}

/** Audio of one utterance, transcribed on the server into a final segment. */
export async function transcribeUtterance(
  core: ProductContext,
  user: AuthUser,
  roomId: string,
  utterance: Utterance,
): Promise<SegmentResult> {
  // Access first, so a stranger's recording is never sent to the transcriber.
  await accessibleRoom(core, user, roomId);
  const contentType = String(utterance.contentType ?? '')
    .split(';')[0]!
    .trim();
  if (!AUDIO_TYPES.includes(contentType)) throw new AppError('unsupported_media_type', 415, `audio type ${contentType} is not accepted`);
  return segmentResult(await transcribeSegment(core, user, roomId, utterance.audio, contentType, utterance.query));
}
