import { randomUUID } from 'node:crypto';
import { AppError } from '../http/errors.js';
import type { EngineCallPolicy } from './call-policy.js';
import type { AiCallContext, AiEngine, TrainingJob, TrainingStatusListener } from './engine.js';
import type { VoiceProvider } from './providers/provider.js';

export interface VoiceTrainingDeps {
  provider: VoiceProvider;
  policy: EngineCallPolicy;
  /** Where training status webhooks go when the caller names none. */
  defaultCallbackUrl: string;
}

type VoiceTraining = Pick<
  AiEngine,
  'uploadVoiceFile' | 'createTrainingJob' | 'getJobStatus' | 'cancelJob' | 'onTrainingStatus' | 'dispatchTrainingStatus'
>;

/** Voice training through the call policy: voice files, training jobs, and the listeners of their status webhooks. */
export function createVoiceTraining(deps: VoiceTrainingDeps): VoiceTraining {
  const { provider, policy } = deps;
  const voiceModel = () => (provider.name === 'engine' ? 'engine' : 'offline-voice-simulator');
  const trainingListeners: TrainingStatusListener[] = [];

  async function voiceCall<T>(ctx: AiCallContext, idempotent: boolean, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { value } = await policy.invoke('voice', provider.name, ctx, { idempotent, model: voiceModel() }, attempt, () => ({
      model: voiceModel(),
    }));
    return value;
  }

  return {
    onTrainingStatus(listener) {
      trainingListeners.push(listener);
    },
    async dispatchTrainingStatus(tx, job, context) {
      for (const listener of trainingListeners) await listener(tx, job, context);
    },
    uploadVoiceFile(request) {
      const { userId: _u, promptVersion: _p, signal: _s, ...rest } = request;
      // The engine contract dedupes uploads by persona and URL, so a retried upload is safe.
      return voiceCall(request, true, (signal) => provider.uploadVoiceFile({ ...rest, signal }));
    },
    createTrainingJob(request) {
      if (!request.fileIds?.length)
        return Promise.reject(new AppError('ai.no_voice_files', 422, 'fileIds must name at least one uploaded voice file'));
      const { userId: _u, promptVersion: _p, signal: _s, ...rest } = request;
      const idempotencyKey = request.idempotencyKey ?? randomUUID();
      return voiceCall(request, true, (signal) =>
        provider.createTrainingJob({ ...rest, callbackUrl: request.callbackUrl ?? deps.defaultCallbackUrl, idempotencyKey, signal }),
      );
    },
    getJobStatus(jobId, context = {}): Promise<TrainingJob> {
      return voiceCall(context, true, (signal) => provider.getJobStatus(jobId, { signal }));
    },
    cancelJob(jobId, context = {}): Promise<TrainingJob> {
      return voiceCall(context, true, (signal) => provider.cancelJob(jobId, { signal }));
    },
  };
}
