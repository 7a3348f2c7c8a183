import type { ProductContext } from '../../../core/product.js';
import { ownPersona } from '../personas.js';
import { applyEngineJob, trainingNeeds, trainingView } from '../training.js';
import type { Training } from '../contract.js';

/** Polls the engine for the persona's last job and applies what it says (for when a webhook is late or lost). */
export async function refreshTraining(core: ProductContext, userId: string, personaId: string): Promise<Training> {
  const persona = await ownPersona(core, userId, personaId);
  if (!persona.lastTrainingJobId) return trainingView(persona, null, core, await trainingNeeds(core, personaId));
  return applyEngineJob(core, persona, await core.ai.getJobStatus(persona.lastTrainingJobId, { userId }));
}
