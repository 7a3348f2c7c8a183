import { and, eq, isNull, ne, or } from 'drizzle-orm';
import type { Core } from '../../core/context.js';
import type { Db } from '../../core/db/database.js';
import { isUuid, uuidv7 } from '../../core/db/ids.js';
import { AppError } from '../../core/http/errors.js';
import type { TrainingJob } from '../../core/ai/engine.js';
import { notify } from '../../core/notifications/notifications.js';
import { personas, voiceConsents, voiceData, type LearningStatus } from './schema.js';
import { ownPersona, type PersonaRow } from './personas.js';
import { getSettings } from './settings.js';

export const TRAINING_NOTICE_JOB = 'calls.training-notice';

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
export async function applyTrainingStatus(core: Core, tx: Db, job: TrainingJob): Promise<PersonaRow | null> {
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
  if ((job.status === 'COMPLETED' || job.status === 'FAILED') && (await getSettings(core, persona.userId, tx)).notificationEnabled) {
    await core.jobs.send(TRAINING_NOTICE_JOB, { personaId: persona.id, status: job.status } satisfies TrainingNotice, {
      tx,
      idempotencyKey: `training-notice:${job.jobId}:${job.status}`,
    });
  }
  return updated!;
}

/** Starts training: IN_PROGRESS is claimed first (a second start is a 409), then the engine job is created and its id stored. */
export async function startTraining(core: Core, userId: string, personaId: string): Promise<PersonaRow> {
  const persona = await ownPersona(core, userId, personaId);
  const [consent] = await core.db
    .select({ at: voiceConsents.consentedAt })
    .from(voiceConsents)
    .where(eq(voiceConsents.personaId, personaId));
  if (!consent) throw new AppError('calls.consent_required', 422, 'record the voice consent (PUT …/consent) before training');
  const files = await core.db.select({ aiFileId: voiceData.aiFileId }).from(voiceData).where(eq(voiceData.personaId, personaId));
  const fileIds = files.map((f) => f.aiFileId).filter((f): f is string => !!f);
  if (!fileIds.length) throw new AppError('calls.no_voice_files', 422, 'upload at least one voice file before training');
  const now = core.clock.now();
  const [claimed] = await core.db
    .update(personas)
    .set({ learningStatus: 'IN_PROGRESS', lastTrainingJobId: null, trainingError: null, lastTrainingUpdatedAt: now, updatedAt: now })
    .where(and(eq(personas.id, personaId), eq(personas.isDeleted, false), ne(personas.learningStatus, 'IN_PROGRESS')))
    .returning();
  if (!claimed) throw new AppError('calls.training_in_progress', 409, 'training is already in progress for this persona');
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
    await core.db
      .update(personas)
      .set({ learningStatus: persona.learningStatus, lastTrainingJobId: persona.lastTrainingJobId, updatedAt: core.clock.now() })
      .where(and(eq(personas.id, personaId), eq(personas.learningStatus, 'IN_PROGRESS'), isNull(personas.lastTrainingJobId)));
    throw err;
  }
  const [row] = await core.db
    .update(personas)
    .set({ lastTrainingJobId: job.jobId })
    .where(and(eq(personas.id, personaId), or(isNull(personas.lastTrainingJobId), eq(personas.lastTrainingJobId, job.jobId))))
    .returning();
  return row ?? (await ownPersona(core, userId, personaId));
}

export function trainingView(p: PersonaRow, job: TrainingJob | null) {
  return {
    personaId: p.id,
    learningStatus: p.learningStatus as LearningStatus,
    jobId: p.lastTrainingJobId,
    lastTrainingUpdatedAt: p.lastTrainingUpdatedAt?.toISOString() ?? null,
    error: p.trainingError,
    engine: job ? { status: job.status, progress: job.progress } : null,
  };
}

/** Polls the engine for the persona's last job and applies what it says (for when a webhook is late or lost). */
export async function refreshTraining(core: Core, userId: string, personaId: string) {
  const persona = await ownPersona(core, userId, personaId);
  if (!persona.lastTrainingJobId) return trainingView(persona, null);
  const job = await core.ai.getJobStatus(persona.lastTrainingJobId, { userId });
  const updated = await core.db.transaction(async (tx) => applyTrainingStatus(core, tx as unknown as Db, job));
  return trainingView(updated ?? (await ownPersona(core, userId, personaId)), job);
}

export async function cancelTraining(core: Core, userId: string, personaId: string) {
  const persona = await ownPersona(core, userId, personaId);
  if (persona.learningStatus !== 'IN_PROGRESS' || !persona.lastTrainingJobId) {
    throw new AppError('calls.training_not_in_progress', 409, `no training is in progress (the persona is ${persona.learningStatus})`);
  }
  const job = await core.ai.cancelJob(persona.lastTrainingJobId, { userId });
  const updated = await core.db.transaction(async (tx) => applyTrainingStatus(core, tx as unknown as Db, job));
  return trainingView(updated ?? (await ownPersona(core, userId, personaId)), job);
}

export async function sendTrainingNotice(core: Core, data: TrainingNotice) {
  const [persona] = await core.db.select().from(personas).where(eq(personas.id, data.personaId));
  if (!persona) return;
  const name = core.crypt.open(personas.name, persona.id, persona.name);
  await notify(core, {
    userId: persona.userId,
    type: data.status === 'COMPLETED' ? 'calls.training_completed' : 'calls.training_failed',
    title: data.status === 'COMPLETED' ? 'Voice ready' : 'Voice training failed',
    message:
      data.status === 'COMPLETED' ? `${name}'s voice is ready: you can call now.` : `Training ${name}'s voice failed; you can try again.`,
    data: { personaId: persona.id, learningStatus: persona.learningStatus },
  });
}
