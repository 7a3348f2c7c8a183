import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import type { AnswerResult } from '../contract.js';
import { answerQuestion, ownSession } from '../interviews.js';

const ACCEPTED = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

export interface VoiceAnswer {
  order: number;
  /** The request's Content-Type header, parameters included. */
  contentType: string | undefined;
  audio: AsyncIterable<Uint8Array>;
}

/** A spoken answer: the recording is transcribed, then stored like a text answer. */
export async function answerByVoice(core: ProductContext, userId: string, sessionId: string, answer: VoiceAnswer): Promise<AnswerResult> {
  // Ownership first, so a stranger's recording is never sent to the transcriber.
  await ownSession(core, userId, sessionId);
  const contentType = String(answer.contentType ?? '')
    .split(';')[0]!
    .trim();
  if (!ACCEPTED.includes(contentType)) throw new AppError('unsupported_media_type', 415, `audio type ${contentType} is not accepted`);
  const transcript = await core.ai.transcribe(answer.audio, contentType, { userId, promptVersion: 'interview.answer@1' });
  if (!transcript.text.trim()) throw new AppError('interview.empty_answer', 400, 'no speech was recognised in the recording');
  return answerQuestion(core, userId, sessionId, {
    text: transcript.text,
    mode: 'audio',
    durationSeconds: transcript.durationSec,
    order: answer.order,
  });
}
