import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import type { InterviewRecord, RecordParams } from '../contract.js';
import { EVALUATE_JOB, EVALUATION_RETRIES, answeredRecord, ownSession, recordView } from '../interviews.js';
import { records } from '../schema.js';

/** Evaluates an answer again after a failed evaluation or emotion analysis. */
export async function reevaluateAnswer(core: ProductContext, userId: string, { id, order }: RecordParams): Promise<InterviewRecord> {
  await ownSession(core, userId, id);
  const record = await answeredRecord(core, id, order);
  if (record.evaluationStatus === 'done' && record.emotionStatus !== 'pending' && record.emotionStatus !== 'failed') {
    throw new AppError('interview.already_evaluated', 409, 'the answer is already evaluated');
  }
  const [updated] = await core.db
    .update(records)
    .set({
      evaluationStatus: record.evaluationStatus === 'done' ? 'done' : 'pending',
      evaluationError: null,
      emotionStatus: record.emotionStatus === 'failed' ? 'pending' : record.emotionStatus,
    })
    .where(eq(records.id, record.id))
    .returning();
  await core.jobs.send(EVALUATE_JOB, { recordId: record.id }, { retryLimit: EVALUATION_RETRIES });
  return recordView(updated!);
}
