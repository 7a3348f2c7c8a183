import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { AiConfig } from '../../config.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../time/clock.js';
import { createSpeechStream, createTranscriptionStream, type CallPolicy, type CallUsage } from './audio-streams.js';
import { createAsyncQueue } from './async-queue.js';
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js';
import { aiUnavailable } from './unavailable.js';
import type {
  AiCallContext,
  AiCapability,
  AiEngine,
  AiProviderName,
  ChatRequest,
  ChatResult,
  ChatStream,
  EmbedOptions,
  EmbedResult,
  SpeakOptions,
  SpeakResult,
  TranscribeOptions,
  TranscribeResult,
  TrainingJob,
  TrainingStatusListener,
} from './engine.js';
import {
  AiProviderError,
  type ChatProvider,
  type EmbedProvider,
  type SpeakProvider,
  type TranscribeProvider,
  type VoiceProvider,
} from './providers/provider.js';
import { countTokens } from './text.js';
import { assertValidSchema, parseStructuredOutput } from './structured-output.js';
import { enforceDailyQuota, recordAiCall } from './usage.js';

export interface AiProviders {
  chat: ChatProvider;
  embed: EmbedProvider;
  transcribe: TranscribeProvider;
  speak: SpeakProvider;
  voice: VoiceProvider;
}

export interface AiEngineDeps {
  config: AiConfig;
  db: Db;
  clock: Clock;
  providers: AiProviders;
  metrics?: Pick<Metrics, 'aiLatency' | 'aiTokens'>;
  log?: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  /** Base of the retry backoff; tests make it small. */
  retryBaseMs?: number;
  /** Where training status webhooks go when the caller names none. */
  defaultCallbackUrl: string;
  /** The secrets /v1/webhooks/engine accepts. */
  engineWebhookSecrets: string[];
  /** Releases the providers (the offline simulator's timers). */
  closeProviders?: () => void;
}

/** Largest audio the port reads into memory for transcription. */
const MAX_AUDIO_BYTES = 50 * 1024 * 1024;

type Usage = CallUsage;

class CallerCancelled extends Error {}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new CallerCancelled());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new CallerCancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

function errorCode(err: unknown): string {
  if (err instanceof AppError) return err.code;
  if (err instanceof AiProviderError) return err.code;
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  return 'provider_error';
}

function isRetryable(err: unknown): boolean {
  if (err instanceof AppError) return false;
  if (err instanceof AiProviderError) return err.retryable;
  return true;
}

/**
 * Builds the AI engine port over one provider per capability. Every call gets a timeout, retries where safe
 * (idempotent calls, and chat until the first token), a circuit breaker per provider and capability, a
 * per-user daily quota, metrics, and a core.ai_calls row.
 */
export function createAiEngine(deps: AiEngineDeps): AiEngine {
  const { config, db, clock, providers } = deps;
  const retryBaseMs = deps.retryBaseMs ?? 250;
  const breakers = new Map<string, CircuitBreaker>();
  const breakerFor = (capability: AiCapability, provider: string) => {
    const key = `${provider}:${capability}`;
    let b = breakers.get(key);
    if (!b) {
      b = createCircuitBreaker({ ...config.breaker, clock });
      breakers.set(key, b);
    }
    return b;
  };

  async function record(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    latencyMs: number,
    usage: Usage,
    status: 'ok' | 'error',
    errorCodeValue?: string,
  ) {
    deps.metrics?.aiLatency.observe({ provider, model: usage.model, capability }, latencyMs / 1000);
    if (usage.promptTokens) deps.metrics?.aiTokens.inc({ provider, model: usage.model, kind: 'prompt' }, usage.promptTokens);
    if (usage.completionTokens) deps.metrics?.aiTokens.inc({ provider, model: usage.model, kind: 'completion' }, usage.completionTokens);
    return recordAiCall(db, clock, {
      userId: ctx.userId ?? null,
      capability,
      provider,
      promptVersion: ctx.promptVersion ?? null,
      latencyMs,
      ...usage,
      status,
      errorCode: errorCodeValue ?? null,
    });
  }

  /** Quota and breaker admission; throws before any provider is asked. */
  async function admit(capability: AiCapability, provider: AiProviderName, ctx: AiCallContext, model: string) {
    if (ctx.userId) await enforceDailyQuota(db, clock, ctx.userId, config.quota);
    const waitMs = breakerFor(capability, provider).admit();
    if (waitMs !== null) {
      await record(capability, provider, ctx, 0, { model }, 'error', 'circuit_open');
      throw aiUnavailable('ai.unavailable', `the ${capability} engine is unavailable; try again shortly`, {
        retryAfterSeconds: Math.ceil(waitMs / 1000),
      });
    }
  }

  function attemptSignal(ctx: AiCallContext): AbortSignal {
    const timeout = AbortSignal.timeout(config.timeoutMs);
    return ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  }

  function backoffMs(attempt: number) {
    return retryBaseMs * 2 ** attempt + Math.floor(Math.random() * retryBaseMs);
  }

  /** One non-streaming call through the policy. */
  async function invoke<T>(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    opts: { idempotent: boolean; model: string },
    attempt: (signal: AbortSignal) => Promise<T>,
    usageOf: (value: T) => Usage,
  ): Promise<{ value: T; latencyMs: number; callId: string }> {
    await admit(capability, provider, ctx, opts.model);
    const breaker = breakerFor(capability, provider);
    const started = performance.now();
    const attempts = opts.idempotent ? config.maxRetries + 1 : 1;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        const value = await attempt(attemptSignal(ctx));
        breaker.succeeded();
        const latencyMs = performance.now() - started;
        const callId = await record(capability, provider, ctx, latencyMs, usageOf(value), 'ok');
        return { value, latencyMs: Math.round(latencyMs), callId };
      } catch (err) {
        lastError = err;
        if (ctx.signal?.aborted) break;
        if (err instanceof AppError) {
          // A deterministic refusal (no espeak-ng, unreadable audio, unknown job): not an outage.
          breaker.succeeded();
          await record(capability, provider, ctx, performance.now() - started, { model: opts.model }, 'error', err.code);
          throw err;
        }
        if (!isRetryable(err) || i + 1 >= attempts) break;
        try {
          await sleep(backoffMs(i), ctx.signal);
        } catch {
          break;
        }
      }
    }
    return fail(capability, provider, ctx, opts.model, started, lastError, breaker);
  }

  async function fail(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    model: string,
    started: number,
    err: unknown,
    breaker: CircuitBreaker,
  ): Promise<never> {
    const latencyMs = performance.now() - started;
    if (ctx.signal?.aborted) {
      breaker.released();
      await record(capability, provider, ctx, latencyMs, { model }, 'error', 'cancelled');
      throw new AppError('ai.cancelled', 499, `the ${capability} call was cancelled`);
    }
    breaker.failed();
    const code = errorCode(err);
    await record(capability, provider, ctx, latencyMs, { model }, 'error', code);
    deps.log?.warn({ capability, provider, code, err: err instanceof Error ? err.message : String(err) }, 'AI call failed');
    throw aiUnavailable(
      'ai.unavailable',
      code === 'timeout' ? `the ${capability} engine did not answer in time` : `the ${capability} engine is unavailable`,
      { aiErrorCode: code },
    );
  }

  function chat(request: ChatRequest): ChatStream {
    const provider = providers.chat;
    const queue = createAsyncQueue<string>();

    const result = (async (): Promise<ChatResult> => {
      try {
        if (!Array.isArray(request.messages) || request.messages.length === 0)
          throw new AppError('ai.invalid_request', 400, 'messages must hold at least one message');
        if (request.jsonSchema) assertValidSchema(request.jsonSchema.schema);
        const model = request.model ?? (provider.name === 'openai' ? config.models.chat : 'offline');
        await admit('chat', provider.name, request, model);
        const breaker = breakerFor('chat', provider.name);
        const started = performance.now();
        const attempts = config.maxRetries + 1;
        let lastError: unknown;
        for (let i = 0; i < attempts; i++) {
          let text = '';
          let emitted = false;
          try {
            const signal = attemptSignal(request);
            let done: { usage: { promptTokens: number; completionTokens: number }; model: string; finishReason: 'stop' | 'length' } | null =
              null;
            for await (const event of provider.chat({
              messages: request.messages,
              model: request.model,
              temperature: request.temperature,
              maxTokens: request.maxTokens,
              jsonSchema: request.jsonSchema,
              signal,
            })) {
              if (event.type === 'delta') {
                if (!event.text) continue;
                text += event.text;
                emitted = true;
                queue.push(event.text);
              } else done = event;
              if (request.signal?.aborted) break;
            }
            const latencyMs = performance.now() - started;
            const promptTokens = done?.usage.promptTokens || countTokens(request.messages.map((m) => m.content).join('\n'));
            const completionTokens = done?.usage.completionTokens || countTokens(text);
            const usedModel = done?.model ?? model;
            if (request.signal?.aborted) {
              breaker.succeeded();
              const callId = await record(
                'chat',
                provider.name,
                request,
                latencyMs,
                { model: usedModel, promptTokens, completionTokens },
                'ok',
              );
              return {
                text,
                finishReason: 'cancelled',
                usage: { promptTokens, completionTokens },
                model: usedModel,
                provider: provider.name,
                latencyMs: Math.round(latencyMs),
                callId,
              };
            }
            if (!done) throw new AiProviderError('incomplete_stream', 'the chat stream ended without finishing', true);
            breaker.succeeded();
            let json: unknown;
            if (request.jsonSchema) {
              try {
                json = parseStructuredOutput(text, request.jsonSchema.schema);
              } catch (err) {
                await record(
                  'chat',
                  provider.name,
                  request,
                  latencyMs,
                  { model: usedModel, promptTokens, completionTokens },
                  'error',
                  (err as AppError).code,
                );
                throw err;
              }
            }
            const callId = await record(
              'chat',
              provider.name,
              request,
              latencyMs,
              { model: usedModel, promptTokens, completionTokens },
              'ok',
            );
            return {
              text,
              ...(request.jsonSchema ? { json } : {}),
              finishReason: done.finishReason,
              usage: { promptTokens, completionTokens },
              model: usedModel,
              provider: provider.name,
              latencyMs: Math.round(latencyMs),
              callId,
            };
          } catch (err) {
            lastError = err;
            if (err instanceof AppError) {
              if (err.code !== 'ai.invalid_output') {
                breaker.succeeded();
                await record('chat', provider.name, request, performance.now() - started, { model }, 'error', err.code);
              }
              throw err;
            }
            if (request.signal?.aborted) {
              breaker.released();
              const latencyMs = performance.now() - started;
              const usage = {
                promptTokens: countTokens(request.messages.map((m) => m.content).join('\n')),
                completionTokens: countTokens(text),
              };
              const callId = await record('chat', provider.name, request, latencyMs, { model, ...usage }, 'ok');
              return { text, finishReason: 'cancelled', usage, model, provider: provider.name, latencyMs: Math.round(latencyMs), callId };
            }
            // Once tokens reached the caller a retry would repeat them; only a silent failure is retried.
            if (emitted || !isRetryable(err) || i + 1 >= attempts) break;
            try {
              await sleep(backoffMs(i), request.signal);
            } catch {
              break;
            }
          }
        }
        return await fail('chat', provider.name, request, model, started, lastError, breaker);
      } catch (err) {
        queue.end(err);
        throw err;
      } finally {
        queue.end();
      }
    })();
    // The caller may only iterate; the rejection then reaches them through the iterator.
    result.catch(() => undefined);

    return { result, [Symbol.asyncIterator]: () => queue.iterate() };
  }

  async function embed(texts: string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string'))
      throw new AppError('ai.invalid_request', 400, 'texts must be an array of strings');
    const dimensions = options.dimensions ?? config.embedDimensions;
    if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096)
      throw new AppError('ai.invalid_request', 400, 'dimensions must be an integer from 1 to 4096');
    const provider = providers.embed;
    const model = options.model ?? (provider.name === 'openai' ? config.models.embed : 'offline');
    if (texts.length === 0)
      return { vectors: [], model, provider: provider.name, dimensions, usage: { promptTokens: 0 }, latencyMs: 0, callId: '' };
    const { value, latencyMs, callId } = await invoke(
      'embed',
      provider.name,
      options,
      { idempotent: true, model },
      (signal) => provider.embed(texts, { dimensions, model: options.model, signal }),
      (v) => ({ model: v.model, promptTokens: v.promptTokens }),
    );
    if (value.vectors.length !== texts.length || value.vectors.some((v) => v.length !== dimensions)) {
      throw new AppError(
        'ai.invalid_output',
        502,
        `the embedding engine returned ${value.vectors.length} vectors of ${value.vectors[0]?.length ?? 0} dimensions for ${texts.length} texts of ${dimensions}`,
      );
    }
    return {
      vectors: value.vectors,
      model: value.model,
      provider: provider.name,
      dimensions,
      usage: { promptTokens: value.promptTokens },
      latencyMs,
      callId,
    };
  }

  async function readAudio(audio: Uint8Array | AsyncIterable<Uint8Array>): Promise<Buffer> {
    if (audio instanceof Uint8Array) return Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength);
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of audio) {
      size += chunk.byteLength;
      if (size > MAX_AUDIO_BYTES) throw new AppError('ai.audio_too_large', 413, `audio must be at most ${MAX_AUDIO_BYTES} bytes`);
      parts.push(Buffer.from(chunk));
    }
    return Buffer.concat(parts);
  }

  async function transcribe(
    audio: Uint8Array | AsyncIterable<Uint8Array>,
    contentType: string,
    options: TranscribeOptions = {},
  ): Promise<TranscribeResult> {
    const bytes = await readAudio(audio);
    if (bytes.length === 0) throw new AppError('ai.invalid_request', 400, 'audio is empty');
    const provider = providers.transcribe;
    const model = options.model ?? (provider.name === 'openai' ? config.models.transcribe : 'offline');
    const { value, latencyMs, callId } = await invoke(
      'transcribe',
      provider.name,
      options,
      { idempotent: true, model },
      (signal) => provider.transcribe(bytes, contentType, { language: options.language, model: options.model, signal }),
      (v) => ({ model: v.model, audioSeconds: v.durationSec }),
    );
    return { ...value, provider: provider.name, latencyMs, callId };
  }

  async function speak(text: string, options: SpeakOptions = {}): Promise<SpeakResult> {
    if (typeof text !== 'string' || !text.trim()) throw new AppError('ai.invalid_request', 400, 'text to speak is empty');
    if (text.length > 4096) throw new AppError('ai.invalid_request', 400, 'text to speak must be at most 4096 characters');
    const provider = providers.speak;
    const model = options.model ?? (provider.name === 'openai' ? config.models.speak : provider.name);
    const format = options.format ?? 'wav';
    const { value, latencyMs, callId } = await invoke(
      'speak',
      provider.name,
      options,
      { idempotent: true, model },
      (signal) =>
        provider.speak(text, { voice: options.voice, trainedVoiceId: options.trainedVoiceId, format, model: options.model, signal }),
      (v) => ({ model: v.model, characters: text.length, audioSeconds: v.durationSec }),
    );
    return { ...value, provider: provider.name, latencyMs, callId };
  }

  const voiceModel = () => (providers.voice.name === 'engine' ? 'engine' : 'offline-voice-simulator');

  async function voiceCall<T>(ctx: AiCallContext, idempotent: boolean, attempt: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const { value } = await invoke('voice', providers.voice.name, ctx, { idempotent, model: voiceModel() }, attempt, () => ({
      model: voiceModel(),
    }));
    return value;
  }

  const policy: CallPolicy = {
    config,
    admit,
    breakerFor,
    record,
    fail,
    isRetryable,
    backoff: (attempt, signal) => sleep(backoffMs(attempt), signal),
  };

  const trainingListeners: TrainingStatusListener[] = [];

  return {
    engineWebhookSecrets: deps.engineWebhookSecrets,
    onTrainingStatus(listener) {
      trainingListeners.push(listener);
    },
    async dispatchTrainingStatus(tx, job, context) {
      for (const listener of trainingListeners) await listener(tx, job, context);
    },
    async close() {
      deps.closeProviders?.();
    },
    providers: {
      chat: providers.chat.name,
      embed: providers.embed.name,
      transcribe: providers.transcribe.name,
      speak: providers.speak.name,
      voice: providers.voice.name,
    },
    chat,
    embed,
    transcribe,
    speak,
    speakStream: (text, options) => createSpeechStream(policy, providers.speak, text, options),
    transcribeStream: (options) => createTranscriptionStream(policy, providers.transcribe, options),
    uploadVoiceFile(request) {
      const { userId: _u, promptVersion: _p, signal: _s, ...rest } = request;
      // The engine contract dedupes uploads by persona and URL, so a retried upload is safe.
      return voiceCall(request, true, (signal) => providers.voice.uploadVoiceFile({ ...rest, signal }));
    },
    createTrainingJob(request) {
      if (!request.fileIds?.length)
        return Promise.reject(new AppError('ai.no_voice_files', 422, 'fileIds must name at least one uploaded voice file'));
      const { userId: _u, promptVersion: _p, signal: _s, ...rest } = request;
      const idempotencyKey = request.idempotencyKey ?? randomUUID();
      return voiceCall(request, true, (signal) =>
        providers.voice.createTrainingJob({ ...rest, callbackUrl: request.callbackUrl ?? deps.defaultCallbackUrl, idempotencyKey, signal }),
      );
    },
    getJobStatus(jobId, context = {}): Promise<TrainingJob> {
      return voiceCall(context, true, (signal) => providers.voice.getJobStatus(jobId, { signal }));
    },
    cancelJob(jobId, context = {}): Promise<TrainingJob> {
      return voiceCall(context, true, (signal) => providers.voice.cancelJob(jobId, { signal }));
    },
  };
}
