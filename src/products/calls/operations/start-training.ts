import { and, eq, or } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { Db } from '../../../core/db/database.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import type { TrainingJob } from '../../../core/ai/engine.js';
import { ownPersona, type PersonaRow } from '../personas.js';
import { isStaleStart, ownClaim, trainingView } from '../training.js';
import { personas, voiceConsents, voiceData } from '../schema.js';
import type { Training } from '../contract.js';

/** The fields a training start changes, as they were before it (put back if the engine refuses the job). */
type TrainingFields = Pick<PersonaRow, 'learningStatus' | 'lastTrainingJobId' | 'trainingError' | 'lastTrainingUpdatedAt' | 'updatedAt'>;

/**
 * Starts training: IN_PROGRESS is claimed first (a second start is a 409), then the engine job is created and its id
 * stored. An engine refusal puts back every field the claim changed. A process that dies in between leaves a claim
 * without a job id: the engine's status webhook still finds it by persona; once stale it can be started again.
 */
export async function startTraining(core: ProductContext, userId: string, personaId: string): Promise<Training> {
  const claimedAt = core.clock.now();
  const { before, fileIds } = await claimTraining(core, userId, personaId, claimedAt);
  let job: TrainingJob;
  try {
    job = await core.ai.createTrainingJob({
      personaId,
      fileIds,
      userId,
      promptVersion: 'calls.voice-training@1',
      idempotencyKey: `calls-train-${personaId}-${uuidv7()}`,
    });
  } catch (err) {
    await core.db.update(personas).set(before).where(ownClaim(personaId, claimedAt));
    throw err;
  }
  const [row] = await core.db
    .update(personas)
    .set({ lastTrainingJobId: job.jobId })
    .where(or(ownClaim(personaId, claimedAt), and(eq(personas.id, personaId), eq(personas.lastTrainingJobId, job.jobId))))
    .returning();
  return trainingView(row ?? (await ownPersona(core, userId, personaId)), null);
}

/**
 * Claims the user's persona for a new training: IN_PROGRESS with no job id yet. It needs a recorded consent and a
 * recording the engine holds; refused while a training is in progress, except a start that died before storing its job
 * id and is stale. Returns the fields as they were and the engine's ids of the recordings.
 */
async function claimTraining(core: ProductContext, userId: string, personaId: string, now: Date) {
  return inTransaction(core.db, async (tx) => {
    const p = await ownPersona(core, userId, personaId, tx, { lock: true });
    const fileIds = await trainingInput(tx, personaId);
    if (p.learningStatus === 'IN_PROGRESS' && !isStaleStart(core, p))
      throw new AppError('calls.training_in_progress', 409, 'training is already in progress for this persona');
    await tx
      .update(personas)
      .set({ learningStatus: 'IN_PROGRESS', lastTrainingJobId: null, trainingError: null, lastTrainingUpdatedAt: now, updatedAt: now })
      .where(eq(personas.id, personaId));
    const { learningStatus, lastTrainingJobId, trainingError, lastTrainingUpdatedAt, updatedAt } = p;
    const before: TrainingFields = { learningStatus, lastTrainingJobId, trainingError, lastTrainingUpdatedAt, updatedAt };
    return { before, fileIds };
  });
}

/** The engine's ids of the persona's recordings; refused without a recorded consent or without any recording. */
async function trainingInput(tx: Db, personaId: string): Promise<string[]> {
  const [consent] = await tx.select({ at: voiceConsents.consentedAt }).from(voiceConsents).where(eq(voiceConsents.personaId, personaId));
  if (!consent) throw new AppError('calls.consent_required', 422, 'record the voice consent (PUT …/consent) before training');
  const files = await tx.select({ aiFileId: voiceData.aiFileId }).from(voiceData).where(eq(voiceData.personaId, personaId));
  const fileIds = files.map((f) => f.aiFileId).filter((f): f is string => !!f);
  if (!fileIds.length) throw new AppError('calls.no_voice_files', 422, 'upload at least one voice file before training');
  return fileIds;
}
