import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { ownPersona, type PersonaRow } from '../personas.js';
import { applyEngineJob, isStaleStart, ownClaim, trainingNeeds, trainingView } from '../training.js';
import { personas } from '../schema.js';
import type { Training } from '../contract.js';

/** Cancels the training in progress at the engine, or a start that died before the engine's job was recorded. */
export async function cancelTraining(core: ProductContext, userId: string, personaId: string): Promise<Training> {
  const persona = await ownPersona(core, userId, personaId);
  if (persona.learningStatus !== 'IN_PROGRESS') {
    throw new AppError('calls.training_not_in_progress', 409, `no training is in progress (the persona is ${persona.learningStatus})`);
  }
  if (!persona.lastTrainingJobId) return cancelInterruptedStart(core, persona);
  return applyEngineJob(core, persona, await core.ai.cancelJob(persona.lastTrainingJobId, { userId }));
}

/** A start without a job id: refused while it may still be running; once stale, back to the voice trained before it. */
async function cancelInterruptedStart(core: ProductContext, persona: PersonaRow): Promise<Training> {
  if (!isStaleStart(core, persona)) {
    throw new AppError('calls.training_starting', 409, 'the training is being started; cancel it once the engine has its job');
  }
  const now = core.clock.now();
  const [row] = await core.db
    .update(personas)
    .set({ learningStatus: persona.trainedVoiceId ? 'COMPLETED' : 'NOT_STARTED', lastTrainingUpdatedAt: now, updatedAt: now })
    .where(ownClaim(persona.id, persona.lastTrainingUpdatedAt!))
    .returning();
  return trainingView(row ?? (await ownPersona(core, persona.userId, persona.id)), null, core, await trainingNeeds(core, persona.id));
}
