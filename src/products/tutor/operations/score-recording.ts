import type { FastifyRequest } from 'fastify';
import type { ProductContext } from '../../../core/product.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { AppError } from '../../../core/http/errors.js';
import { resultView, sessionAudioQuery } from '../practice.js';
import { scorePronunciation } from '../pronunciation.js';
import { pronunciationResults } from '../schema.js';
import { AUDIO_UPLOAD_KINDS, type RecordingQuery, type ScoredRecording } from '../contract.js';

const RECORDING_MAX_BYTES = 10 * 1024 * 1024;

/**
 * A recorded sentence: stored (core.files), transcribed, and aligned word by word against the
 * reference text (from the practice session's sentence, or given) into a pronunciation result.
 */
export async function scoreRecording(
  core: ProductContext,
  request: FastifyRequest,
  studentId: string,
  input: RecordingQuery,
): Promise<ScoredRecording> {
  const { reference, sentenceId } = await referenceSentence(core, studentId, input);
  const file = await core.files.receive(request, {
    product: 'tutor',
    purpose: 'recording',
    accept: AUDIO_UPLOAD_KINDS,
    maxBytes: RECORDING_MAX_BYTES,
  });
  try {
    // receive() refused anything over RECORDING_MAX_BYTES, so the stored recording streams to the transcriber unchecked.
    const audio = (await core.files.open((await core.files.find(file.id))!)).body;
    const transcript = await core.ai.transcribe(audio, file.contentType, {
      userId: studentId,
      language: 'en',
      promptVersion: 'tutor.pronunciation@1',
    });
    const score = scorePronunciation(reference, transcript.text);
    const [row] = await core.db
      .insert(pronunciationResults)
      .values({
        id: uuidv7(),
        studentId,
        createdAt: core.clock.now(),
        sentenceId,
        originalText: reference,
        transcribedText: transcript.text,
        overallScore: score.overallScore,
        wordAccuracy: score.wordAccuracy,
        completenessScore: score.completenessScore,
        grade: score.grade,
        missedWords: score.missedWords,
        extraWords: score.extraWords,
        feedback: score.feedback,
        audioDurationMs: Math.round(transcript.durationSec * 1000),
        recordingFileId: file.id,
      })
      .returning();
    return { result: resultView(row!), words: score.words };
  } catch (err) {
    await core.files.deleteNow([file.id]);
    throw err;
  }
}

/** What was read: the sentence of the student's own practice session, or the text given. */
async function referenceSentence(core: ProductContext, studentId: string, input: RecordingQuery) {
  let reference = input.text?.trim();
  let sentenceId = input.sentenceId ?? null;
  if (input.sessionId !== undefined && input.sentenceIndex !== undefined) {
    const [s] = await sessionAudioQuery(core.db, input.sessionId, input.sentenceIndex);
    if (!s || s.studentId !== studentId) throw new AppError('tutor.sentence_not_found', 404, 'no such sentence in your practice session');
    reference = s.english;
    sentenceId ??= `${s.sessionId}#${s.sentenceIndex}`;
  }
  if (!reference) {
    throw new AppError('validation', 400, 'say which sentence was read: sessionId and sentenceIndex, or text', {
      errors: [{ field: 'text', message: 'is required without sessionId and sentenceIndex' }],
    });
  }
  return { reference, sentenceId };
}
