import { and, eq, isNotNull, isNull, or } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { isUuid } from '../../core/db/ids.js';
import type { TrainingJob } from '../../core/ai/engine.js';
import type { AiConfig } from '../../config.js';
import { personas, voiceConsents, voiceData } from './schema.js';
import type { LearningStatus, Training, TrainingNeed } from './contract.js';
import { ownPersona, type PersonaRow } from './personas.js';
import { getSettings } from './settings.js';
import { trainingCompletedEvent, trainingFailedEvent } from './webhooks.js';

export const TRAINING_NOTICE_JOB = 'calls.training-notice';

/**
 * A claim with no engine job id older than this is a start whose process died before storing the id: it can be
 * started again or cancelled. Longer than a start can take (every attempt of the engine call timing out).
 */
export const trainingStartStaleMs = (ai: Pick<AiConfig, 'timeoutMs' | 'maxRetries'>) =>
  Math.max(5 * 60_000, 2 * ai.timeoutMs * (ai.maxRetries + 1));

const INTERRUPTED = 'the training start was interrupted before the engine’s job was recorded; start it again or cancel it';

export function isStaleStart(core: ProductContext, p: Pick<PersonaRow, 'learningStatus' | 'lastTrainingJobId' | 'lastTrainingUpdatedAt'>) {
  if (p.learningStatus !== 'IN_PROGRESS' || p.lastTrainingJobId) return false;
  const at = p.lastTrainingUpdatedAt?.getTime() ?? 0;
  return core.clock.now().getTime() - at >= trainingStartStaleMs(core.config.ai);
}

export interface TrainingNotice {
  personaId: string;
  status: 'COMPLETED' | 'FAILED';
}

function learningStatusOf(job: TrainingJob, persona: Pick<PersonaRow, 'trainedVoiceId'>): LearningStatus {
  switch (job.status) {
    case 'QUEUED':
    case 'IN_PROGRESS':
      return 'IN_PROGRESS';
    case 'COMPLETED':
      return 'COMPLETED';
    case 'FAILED':
      return 'FAILED';
    case 'CANCELLED':
      // A cancelled retraining keeps the voice trained before it.
      return persona.trainedVoiceId ? 'COMPLETED' : 'NOT_STARTED';
  }
}

/**
 * Applies an engine job state to the persona training it. Only a persona still IN_PROGRESS on that job
 * moves, so late or repeated deliveries cannot undo a finished state. A job reported before its id was
 * stored (the engine can be that fast) is matched by the persona id.
 */
export async function applyTrainingStatus(core: ProductContext, tx: Db, job: TrainingJob): Promise<PersonaRow | null> {
  const [persona] = await tx
    .select()
    .from(personas)
    .where(
      and(
        eq(personas.learningStatus, 'IN_PROGRESS'),
        or(
          eq(personas.lastTrainingJobId, job.jobId),
          and(
            isNull(personas.lastTrainingJobId),
            eq(personas.id, isUuid(job.personaId) ? job.personaId : '00000000-0000-0000-0000-000000000000'),
          ),
        ),
      ),
    )
    .for('update');
  if (!persona) return null;
  const status = learningStatusOf(job, persona);
  const now = core.clock.now();
  const [updated] = await tx
    .update(personas)
    .set({
      learningStatus: status,
      lastTrainingJobId: job.jobId,
      lastTrainingUpdatedAt: now,
      trainedVoiceId: job.status === 'COMPLETED' ? (job.trainedVoiceId ?? persona.trainedVoiceId) : persona.trainedVoiceId,
      trainingError: job.status === 'FAILED' ? (job.error ?? 'training failed') : null,
      updatedAt: now,
    })
    .where(eq(personas.id, persona.id))
    .returning();
  if (job.status === 'COMPLETED')
    await core.webhooks.emit(tx, trainingCompletedEvent, {
      personaId: persona.id,
      userId: persona.userId,
      trainingJobId: job.jobId,
      trainedVoiceId: updated!.trainedVoiceId,
      completedAt: now.toISOString(),
    });
  if (job.status === 'FAILED')
    await core.webhooks.emit(tx, trainingFailedEvent, {
      personaId: persona.id,
      userId: persona.userId,
      trainingJobId: job.jobId,
      error: updated!.trainingError ?? 'training failed',
      failedAt: now.toISOString(),
    });
  if ((job.status === 'COMPLETED' || job.status === 'FAILED') && (await getSettings(core, persona.userId, tx)).notificationEnabled) {
    await core.jobs.send(TRAINING_NOTICE_JOB, { personaId: persona.id, status: job.status } satisfies TrainingNotice, {
      tx,
      idempotencyKey: `training-notice:${job.jobId}:${job.status}`,
    });
  }
  return updated!;
}

/** This start's claim and nobody's since: still IN_PROGRESS, no job id, claimed at `claimedAt`. */
export const ownClaim = (personaId: string, claimedAt: Date) =>
  and(
    eq(personas.id, personaId),
    eq(personas.learningStatus, 'IN_PROGRESS'),
    isNull(personas.lastTrainingJobId),
    eq(personas.lastTrainingUpdatedAt, claimedAt),
  );

/** What a start would be refused for: no recording the engine holds, no recorded consent. */
export async function trainingNeeds(core: ProductContext, personaId: string): Promise<TrainingNeed[]> {
  const [consent] = await core.db
    .select({ id: voiceConsents.personaId })
    .from(voiceConsents)
    .where(eq(voiceConsents.personaId, personaId))
    .limit(1);
  const [file] = await core.db
    .select({ id: voiceData.id })
    .from(voiceData)
    .where(and(eq(voiceData.personaId, personaId), isNotNull(voiceData.aiFileId)))
    .limit(1);
  return [...(file ? [] : (['voice_file'] as const)), ...(consent ? [] : (['consent'] as const))];
}

export function trainingView(p: PersonaRow, job: TrainingJob | null, core?: ProductContext, missing: TrainingNeed[] = []): Training {
  return {
    personaId: p.id,
    learningStatus: p.learningStatus,
    jobId: p.lastTrainingJobId,
    lastTrainingUpdatedAt: p.lastTrainingUpdatedAt?.toISOString() ?? null,
    error: core && isStaleStart(core, p) ? INTERRUPTED : p.trainingError,
    engine: job ? { status: job.status, progress: job.progress } : null,
    missing,
  };
}

/** Applies what the engine says of the persona's job and shows the training as it now stands. */
export async function applyEngineJob(core: ProductContext, persona: PersonaRow, job: TrainingJob): Promise<Training> {
  const updated = await core.db.transaction(async (tx) => applyTrainingStatus(core, tx as unknown as Db, job));
  const current = updated ?? (await ownPersona(core, persona.userId, persona.id));
  return trainingView(current, job, undefined, await trainingNeeds(core, persona.id));
}

export const TRAINING_COMPLETED_MESSAGE = 'A persona’s voice is ready: you can call now.';
export const TRAINING_FAILED_MESSAGE = 'Training a persona’s voice failed; you can try again.';

export async function sendTrainingNotice(core: ProductContext, data: TrainingNotice) {
  const [persona] = await core.db.select().from(personas).where(eq(personas.id, data.personaId));
  if (!persona) return;
  // The persona's name is encrypted at rest and a notification is stored as plain text: it names the persona by id only.
  await core.notify({
    userId: persona.userId,
    type: data.status === 'COMPLETED' ? 'calls.training_completed' : 'calls.training_failed',
    title: data.status === 'COMPLETED' ? 'Voice ready' : 'Voice training failed',
    message: data.status === 'COMPLETED' ? TRAINING_COMPLETED_MESSAGE : TRAINING_FAILED_MESSAGE,
    data: { personaId: persona.id, learningStatus: persona.learningStatus },
  });
}
