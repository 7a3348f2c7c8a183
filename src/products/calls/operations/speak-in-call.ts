import type { FastifyRequest } from 'fastify';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { AUDIO_KINDS } from '../../../core/files/content-types.js';
import { ownSession } from '../call-sessions.js';
import { say } from '../conversation.js';
import type { Exchange } from '../contract.js';

const AUDIO_TYPES = ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/webm', 'audio/mpeg', 'audio/ogg', 'audio/mp4'];

/** A spoken clip in an ACTIVE call (multipart or the raw audio body): kept as a file of the call, transcribed, answered. */
export async function speakInCall(core: ProductContext, userId: string, sessionId: string, request: FastifyRequest): Promise<Exchange> {
  // Checked before the upload so no clip is stored for a call that cannot take it; storing the turn checks again under its lock.
  const session = await ownSession(core, userId, sessionId);
  if (session.status !== 'ACTIVE')
    throw new AppError('calls.call_not_active', 409, `the call is ${session.status}; talking needs an ACTIVE call`);
  const contentType = String(request.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim();
  if (!request.isMultipart() && !AUDIO_TYPES.includes(contentType))
    throw new AppError('files.unsupported_type', 415, `audio type ${contentType} is not accepted`);
  const clip = await core.files.receive(request, { product: 'calls', purpose: 'call-audio', accept: AUDIO_KINDS });
  try {
    return await answerClip(core, userId, sessionId, clip.id);
  } catch (err) {
    await core.files.deleteNow([clip.id]).catch(() => undefined);
    throw err;
  }
}

async function answerClip(core: ProductContext, userId: string, sessionId: string, fileId: string): Promise<Exchange> {
  const file = await core.files.find(fileId);
  if (!file) throw new AppError('files.not_found', 404, 'file not found');
  const read = await core.files.open(file);
  const started = performance.now();
  const transcript = await core.ai.transcribe(read.body as AsyncIterable<Uint8Array>, file.contentType, {
    userId,
    promptVersion: 'calls.user-speech@1',
  });
  const sttLatencyMs = Math.round(performance.now() - started);
  if (!transcript.text.trim()) throw new AppError('calls.empty_speech', 400, 'no speech was recognised in the clip');
  return say(core, userId, sessionId, { text: transcript.text.trim(), audioFileId: file.id, sttLatencyMs });
}
