import { Value } from 'typebox/value';
import { AppError } from '../../../http/errors.js';
import type { TrainingJob } from '../../engine.js';
import { EngineTrainingJob, EngineUploadFileResponse } from '../../engine-contract.js';
import { readWav } from '../offline/wav.js';
import { AiProviderError, type SpeakProvider, type VoiceProvider } from '../provider.js';

export interface EngineClientOptions {
  url: string;
  token: string | null;
}

/**
 * An HTTP client (fetch) for an external engine implementing the voice-training contract
 * (engine-contract.ts). 404 and 409 become AppErrors the products can show; 5xx, 408, 429 and
 * network failures are retryable provider errors.
 */
export function createEngineProviders(opts: EngineClientOptions): { voice: VoiceProvider; speak: SpeakProvider } {
  const base = opts.url.replace(/\/+$/, '');
  const auth: Record<string, string> = opts.token ? { authorization: `Bearer ${opts.token}` } : {};

  async function request(
    method: string,
    path: string,
    signal: AbortSignal,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', ...auth, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch (err) {
      if (signal.aborted && (signal.reason as Error | undefined)?.name === 'TimeoutError')
        throw new AiProviderError('timeout', 'the voice engine did not answer in time', true);
      if (signal.aborted) throw err;
      throw new AiProviderError('connection_failed', `cannot reach the voice engine: ${(err as Error).message}`, true);
    }
    if (res.ok) return res;
    const detail = await res.text().catch(() => '');
    if (res.status === 404)
      throw new AppError('ai.job_not_found', 404, `the voice engine does not know ${path.split('/').filter(Boolean).slice(-2).join(' ')}`);
    if (res.status === 409) throw new AppError('ai.job_finished', 409, 'the training job already ended');
    if (res.status === 422) throw new AppError('ai.engine_rejected', 422, `the voice engine refused the request: ${detail.slice(0, 300)}`);
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new AiProviderError(
      res.status === 429 ? 'rate_limited' : `http_${res.status}`,
      `the voice engine answered ${res.status}`,
      retryable,
      res.status,
    );
  }

  async function job(res: Response): Promise<TrainingJob> {
    const body = (await res.json()) as unknown;
    if (!Value.Check(EngineTrainingJob, body))
      throw new AiProviderError('invalid_response', 'the voice engine answered with something that is not a training job', false);
    return { trainedVoiceId: null, error: null, ...(body as TrainingJob) };
  }

  const voice: VoiceProvider = {
    name: 'engine',
    async uploadVoiceFile({ signal, ...file }) {
      const res = await request('POST', '/v1/files', signal, file);
      const body = (await res.json()) as unknown;
      if (!Value.Check(EngineUploadFileResponse, body))
        throw new AiProviderError('invalid_response', 'the voice engine answered without a fileId', false);
      return { fileId: (body as { fileId: string }).fileId };
    },
    async createTrainingJob({ signal, idempotencyKey, personaId, fileIds, callbackUrl }) {
      return job(
        await request('POST', '/v1/training-jobs', signal, { personaId, fileIds, callbackUrl }, { 'idempotency-key': idempotencyKey }),
      );
    },
    async getJobStatus(jobId, { signal }) {
      return job(await request('GET', `/v1/training-jobs/${encodeURIComponent(jobId)}`, signal));
    },
    async cancelJob(jobId, { signal }) {
      return job(await request('POST', `/v1/training-jobs/${encodeURIComponent(jobId)}/cancel`, signal));
    },
  };

  const speak: SpeakProvider = {
    name: 'engine',
    async speak(text, options) {
      const res = await request('POST', '/v1/speech', options.signal, {
        text,
        voiceId: options.trainedVoiceId ?? options.voice,
        format: options.format,
      });
      const audio = Buffer.from(await res.arrayBuffer());
      const header = Number(res.headers.get('x-audio-duration-seconds'));
      const durationSec = Number.isFinite(header) && header > 0 ? header : (readWav(audio)?.durationSec ?? 0);
      return {
        audio,
        contentType: res.headers.get('content-type') ?? (options.format === 'wav' ? 'audio/wav' : 'audio/mpeg'),
        durationSec,
        model: 'engine',
      };
    },
  };

  return { voice, speak };
}
