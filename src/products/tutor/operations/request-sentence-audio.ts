import type { ProductContext } from '../../../core/product.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../../core/db/database.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { SPEAK_JOB, SPEAK_RETRIES, sentenceView } from '../practice.js';
import { asyncJobs, sentenceAudio } from '../schema.js';
import type { Sentence, SentenceAudioBody } from '../contract.js';

/** One `speak` job per sentence, written with the sentence rows and the job-status rows in one transaction. */
export async function requestSentenceAudio(core: ProductContext, studentId: string, input: SentenceAudioBody): Promise<Sentence[]> {
  try {
    const rows = await inTransaction(core.db, async (tx) => {
      const now = core.clock.now();
      const out: (typeof sentenceAudio.$inferSelect)[] = [];
      for (const [index, s] of input.sentences.entries()) {
        const jobId = uuidv7();
        await tx
          .insert(asyncJobs)
          .values({ id: jobId, userId: studentId, kind: 'speak', status: 'PENDING', createdAt: now, updatedAt: now });
        const [row] = await tx
          .insert(sentenceAudio)
          .values({
            sessionId: input.sessionId,
            sentenceIndex: index,
            studentId,
            english: s.english,
            korean: s.korean ?? null,
            voiceId: input.voiceId ?? null,
            status: 'PENDING',
            jobId,
            requestAt: now,
          })
          .returning();
        await core.jobs.send(SPEAK_JOB, { jobId }, { tx, idempotencyKey: `speak:${jobId}`, retryLimit: SPEAK_RETRIES, retryDelay: 1 });
        out.push(row!);
      }
      return out;
    });
    return await Promise.all(rows.map((r) => sentenceView(core, r)));
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION)
      throw new AppError('tutor.audio_session_exists', 409, 'this practice session already has its sentences; use a new sessionId', {
        errors: [{ field: 'sessionId', message: 'is already used' }],
      });
    throw err;
  }
}
