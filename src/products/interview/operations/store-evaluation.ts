import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { InterviewRecord, RecordParams, StoreEvaluationBody } from '../contract.js';
import { completeIfDone } from '../evaluation.js';
import { assertEmotionSummary, assertEvaluation } from '../evaluation-checks.js';
import { answeredRecord, ownSession, recordView } from '../interviews.js';
import { records } from '../schema.js';

/** An evaluation from an external evaluator or a human reviewer, validated against the evaluation shape. */
export async function storeEvaluation(
  core: ProductContext,
  userId: string,
  { id, order }: RecordParams,
  body: StoreEvaluationBody,
): Promise<InterviewRecord> {
  await ownSession(core, userId, id);
  const evaluation = assertEvaluation(body.evaluation, 'evaluation');
  const emotion = body.emotionSummary === undefined ? undefined : assertEmotionSummary(body.emotionSummary, 'emotionSummary');
  const target = await answeredRecord(core, id, order);
  const [updated] = await core.db
    .update(records)
    .set({
      evaluation,
      evaluationStatus: 'done',
      evaluationError: null,
      rubricVersion: body.rubricVersion,
      evaluationProvider: 'external',
      evaluationModel: null,
      ...(emotion ? { emotionSummary: emotion, emotionStatus: 'done' } : {}),
    })
    .where(eq(records.id, target.id))
    .returning();
  // A completed session's overall score follows its edited evaluations.
  await completeIfDone(core, id, { rescore: true });
  return recordView(updated!);
}
