import { and, asc, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { userChannel } from '../../core/realtime/channels.js';
import { asyncJobs, pronunciationResults, sentenceAudio } from './schema.js';
import type { AudioCompletedEvent, AudioFailedEvent, Job, Result, Sentence } from './contract.js';
import { afterKey } from '../../core/http/pagination.js';

export const SPEAK_JOB = 'tutor.speak';
export const SPEAK_RETRIES = 2;

type JobRow = typeof asyncJobs.$inferSelect;
type SentenceRow = typeof sentenceAudio.$inferSelect;
type ResultRow = typeof pronunciationResults.$inferSelect;

async function signedUrl(core: ProductContext, fileId: string | null): Promise<string | null> {
  if (!fileId) return null;
  const file = await core.files.find(fileId);
  return file ? core.files.signUrl(file, 3600).url : null;
}

export async function jobView(core: ProductContext, j: JobRow): Promise<Job> {
  return {
    jobId: j.id,
    kind: j.kind,
    status: j.status,
    audioUrl: await signedUrl(core, j.audioFileId),
    error: j.error,
    createdAt: j.createdAt.toISOString(),
    updatedAt: j.updatedAt.toISOString(),
  };
}

export async function sentenceView(core: ProductContext, s: SentenceRow): Promise<Sentence> {
  return {
    sessionId: s.sessionId,
    sentenceIndex: s.sentenceIndex,
    english: s.english,
    korean: s.korean,
    voiceId: s.voiceId,
    status: s.status,
    audioFileId: s.audioFileId,
    audioUrl: await signedUrl(core, s.audioFileId),
    durationMs: s.durationMs,
    jobId: s.jobId,
    error: s.error,
    requestAt: s.requestAt.toISOString(),
    completedAt: s.completedAt?.toISOString() ?? null,
  };
}

export function resultView(r: ResultRow): Result {
  return {
    id: r.id,
    studentId: r.studentId,
    timestamp: r.createdAt.toISOString(),
    sentenceId: r.sentenceId,
    originalText: r.originalText,
    transcribedText: r.transcribedText,
    overallScore: r.overallScore,
    wordAccuracy: r.wordAccuracy,
    completenessScore: r.completenessScore,
    grade: r.grade,
    missedWords: r.missedWords,
    extraWords: r.extraWords,
    feedback: r.feedback,
    audioDurationMs: r.audioDurationMs,
    recordingFileId: r.recordingFileId,
  };
}

/** The job: TTS of the sentence into a file; status and sentence row updated, the student told live. */
export async function runSpeakJob(core: ProductContext, jobId: string, attempt: number) {
  const [job] = await core.db.select().from(asyncJobs).where(eq(asyncJobs.id, jobId));
  if (!job || job.status === 'COMPLETED' || job.status === 'FAILED') return;
  const [sentence] = await core.db.select().from(sentenceAudio).where(eq(sentenceAudio.jobId, jobId));
  if (!sentence) return;
  await core.db.update(asyncJobs).set({ status: 'PROCESSING', updatedAt: core.clock.now() }).where(eq(asyncJobs.id, jobId));
  try {
    const speech = await core.ai.speak(sentence.english, {
      voice: sentence.voiceId ?? undefined,
      format: 'wav',
      userId: sentence.studentId,
      promptVersion: 'tutor.sentence-audio@1',
    });
    const file = await core.files.store({
      ownerId: sentence.studentId,
      product: 'tutor',
      purpose: 'sentence-audio',
      body: speech.audio,
      contentType: speech.contentType,
      originalName: `sentence-${sentence.sentenceIndex}.wav`,
    });
    await inTransaction(core.db, async (tx, afterCommit) => {
      const now = core.clock.now();
      await tx
        .update(asyncJobs)
        .set({ status: 'COMPLETED', audioFileId: file.id, error: null, updatedAt: now })
        .where(eq(asyncJobs.id, jobId));
      const [done] = await tx
        .update(sentenceAudio)
        .set({
          status: 'COMPLETED',
          audioFileId: file.id,
          durationMs: Math.round(speech.durationSec * 1000),
          error: null,
          completedAt: now,
        })
        .where(and(eq(sentenceAudio.sessionId, sentence.sessionId), eq(sentenceAudio.sentenceIndex, sentence.sentenceIndex)))
        .returning();
      await core.realtime.publish(
        userChannel(sentence.studentId),
        'tutor.audio.completed',
        {
          jobId,
          sessionId: done!.sessionId,
          sentenceIndex: done!.sentenceIndex,
          status: 'COMPLETED',
          audioFileId: file.id,
          durationMs: done!.durationMs,
        } satisfies AudioCompletedEvent,
        { tx, afterCommit },
      );
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A missing speech engine (espeak-ng, a provider) does not heal by retrying: fail now with its message.
    const permanent = err instanceof AppError && (err.status < 500 || err.code.endsWith('_unavailable'));
    if (!permanent && attempt <= SPEAK_RETRIES) {
      await core.db
        .update(asyncJobs)
        .set({ status: 'PENDING', error: message.slice(0, 500), updatedAt: core.clock.now() })
        .where(eq(asyncJobs.id, jobId));
      throw err;
    }
    await markFailed(core, sentence, jobId, message);
  }
}

async function markFailed(core: ProductContext, sentence: SentenceRow, jobId: string, message: string) {
  await inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    await tx
      .update(asyncJobs)
      .set({ status: 'FAILED', error: message.slice(0, 500), updatedAt: now })
      .where(eq(asyncJobs.id, jobId));
    await tx
      .update(sentenceAudio)
      .set({ status: 'FAILED', error: message.slice(0, 500), completedAt: now })
      .where(and(eq(sentenceAudio.sessionId, sentence.sessionId), eq(sentenceAudio.sentenceIndex, sentence.sentenceIndex)));
    await core.realtime.publish(
      userChannel(sentence.studentId),
      'tutor.audio.failed',
      {
        jobId,
        sessionId: sentence.sessionId,
        sentenceIndex: sentence.sentenceIndex,
        status: 'FAILED',
        error: message.slice(0, 200),
      } satisfies AudioFailedEvent,
      { tx, afterCommit },
    );
  });
}

export const jobByIdQuery = (db: Db, jobId: string) => db.select().from(asyncJobs).where(eq(asyncJobs.id, jobId));

/** The seed's SentenceAudio by session (and sentence). */
export const sessionAudioQuery = (db: Db, sessionId: string, sentenceIndex?: number) =>
  db
    .select()
    .from(sentenceAudio)
    .where(
      and(eq(sentenceAudio.sessionId, sessionId), sentenceIndex === undefined ? undefined : eq(sentenceAudio.sentenceIndex, sentenceIndex)),
    )
    .orderBy(asc(sentenceAudio.sentenceIndex));

/** A student's results, newest first (PK student + timestamp). */
export function studentResultsQuery(db: Db, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return db
    .select()
    .from(pronunciationResults)
    .where(
      and(eq(pronunciationResults.studentId, studentId), afterKey(pronunciationResults.createdAt, pronunciationResults.id, after, 'desc')),
    )
    .orderBy(desc(pronunciationResults.createdAt), desc(pronunciationResults.id))
    .limit(limit);
}
