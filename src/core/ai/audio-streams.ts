/**
 * The port's streaming speech and transcription, run through the same policy as every other call:
 * quota and breaker admission, a timeout, cancellation by the caller's signal, metrics and a core.ai_calls row.
 */
import type { AiConfig } from '../../config.js';
import { AppError } from '../http/errors.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type {
  AiCallContext,
  AiCapability,
  AiProviderName,
  PcmSampleRate,
  SpeakStreamOptions,
  SpeakStreamResult,
  SpeechStream,
  TranscribeStreamOptions,
  TranscribeStreamResult,
  TranscriptionStream,
} from './engine.js';
import { createAsyncQueue } from './async-queue.js';
import { createPcm16Resampler, pcm16ToWav, wavToPcm16, type Pcm16Resampler } from './pcm.js';
import {
  AiProviderError,
  type ProviderSpeechEvent,
  type ProviderTranscript,
  type ProviderTranscription,
  type SpeakProvider,
  type TranscribeProvider,
} from './providers/provider.js';

export interface CallUsage {
  model: string;
  promptTokens?: number;
  completionTokens?: number;
  audioSeconds?: number;
  characters?: number;
}

/** The engine's policy, handed to the streaming calls. */
export interface CallPolicy {
  config: AiConfig;
  admit(capability: AiCapability, provider: AiProviderName, ctx: AiCallContext, model: string): Promise<void>;
  breakerFor(capability: AiCapability, provider: AiProviderName): CircuitBreaker;
  record(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    latencyMs: number,
    usage: CallUsage,
    status: 'ok' | 'error',
    errorCode?: string,
  ): Promise<string>;
  /** Records a failure (or the caller's cancel) and throws the AppError the caller sees. */
  fail(
    capability: AiCapability,
    provider: AiProviderName,
    ctx: AiCallContext,
    model: string,
    started: number,
    err: unknown,
    breaker: CircuitBreaker,
  ): Promise<never>;
  isRetryable(err: unknown): boolean;
  backoff(attempt: number, signal?: AbortSignal): Promise<void>;
}

const SAMPLE_RATES: readonly number[] = [8000, 16000, 24000];
/** Largest utterance a transcription stream holds: ten minutes at 24 kHz. */
const MAX_UTTERANCE_BYTES = 24000 * 2 * 600;
/** Chunk size when a provider only gives whole clips: 100 ms, small enough to start playback at once. */
const CLIP_CHUNK_SEC = 0.1;

function assertSampleRate(rate: unknown): asserts rate is PcmSampleRate {
  if (!SAMPLE_RATES.includes(rate as number))
    throw new AppError('ai.invalid_request', 400, `sampleRate must be one of ${SAMPLE_RATES.join(', ')}`);
}

/** An AbortSignal that fires when no progress was made for `ms`; `touch` restarts the wait. */
function idleTimeout(ms: number) {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | null = null;
  const touch = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new DOMException('the engine made no progress in time', 'TimeoutError')), ms);
    timer.unref?.();
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    stop: () => {
      if (timer) clearTimeout(timer);
    },
  };
}

/** A whole WAV clip from `speak`, as provider speech events. */
async function* clipEvents(
  provider: SpeakProvider,
  text: string,
  options: SpeakStreamOptions,
  signal: AbortSignal,
): AsyncIterable<ProviderSpeechEvent> {
  const clip = await provider.speak(text, {
    voice: options.voice,
    trainedVoiceId: options.trainedVoiceId,
    model: options.model,
    format: 'wav',
    signal,
  });
  const decoded = wavToPcm16(clip.audio);
  if (!decoded) throw new AiProviderError('invalid_response', 'the speech engine answered with audio that is not PCM WAV', false);
  const step = Math.max(2, Math.round(decoded.sampleRate * CLIP_CHUNK_SEC) * 2);
  for (let at = 0; at < decoded.pcm.length; at += step) {
    yield { type: 'audio', pcm: decoded.pcm.subarray(at, at + step), sampleRate: decoded.sampleRate };
  }
  yield { type: 'done', model: clip.model };
}

export function createSpeechStream(policy: CallPolicy, provider: SpeakProvider, text: string, options: SpeakStreamOptions): SpeechStream {
  const consumerGone = new AbortController();
  const queue = createAsyncQueue<Buffer>(() => consumerGone.abort());
  const result = (async (): Promise<SpeakStreamResult> => {
    try {
      if (typeof text !== 'string' || !text.trim()) throw new AppError('ai.invalid_request', 400, 'text to speak is empty');
      if (text.length > 4096) throw new AppError('ai.invalid_request', 400, 'text to speak must be at most 4096 characters');
      assertSampleRate(options.sampleRate);
      const value = await runSpeech(policy, provider, text, options, consumerGone.signal, (pcm) => queue.push(pcm));
      queue.end();
      return value;
    } catch (err) {
      queue.end(err);
      throw err;
    }
  })();
  result.catch(() => undefined);
  return { result, [Symbol.asyncIterator]: () => queue.iterate() };
}

async function runSpeech(
  policy: CallPolicy,
  provider: SpeakProvider,
  text: string,
  options: SpeakStreamOptions,
  consumerGone: AbortSignal,
  emit: (pcm: Buffer) => void,
): Promise<SpeakStreamResult> {
  const { config } = policy;
  const model = options.model ?? (provider.name === 'openai' ? config.models.speak : provider.name);
  const ctx: AiCallContext = { ...options, signal: options.signal ? AbortSignal.any([options.signal, consumerGone]) : consumerGone };
  await policy.admit('speak', provider.name, ctx, model);
  const breaker = policy.breakerFor('speak', provider.name);
  const started = performance.now();
  let lastError: unknown;
  for (let attempt = 0; attempt <= config.maxRetries; attempt++) {
    let samples = 0;
    let firstAudioMs = -1;
    let usedModel = model;
    const idle = idleTimeout(config.timeoutMs);
    try {
      const signal = AbortSignal.any([ctx.signal!, idle.signal]);
      const events = provider.speakStream
        ? provider.speakStream(text, {
            voice: options.voice,
            trainedVoiceId: options.trainedVoiceId,
            model: options.model,
            sampleRate: options.sampleRate,
            signal,
          })
        : clipEvents(provider, text, options, signal);
      let resampler: Pcm16Resampler | null = null;
      let fromRate = 0;
      const out = (pcm: Buffer) => {
        if (!pcm.length) return;
        if (firstAudioMs < 0) firstAudioMs = performance.now() - started;
        samples += pcm.length >> 1;
        emit(pcm);
      };
      for await (const event of events) {
        idle.touch();
        if (ctx.signal!.aborted) break;
        if (event.type === 'done') {
          usedModel = event.model;
          continue;
        }
        if (event.sampleRate !== fromRate) {
          if (resampler) out(resampler.flush());
          resampler = createPcm16Resampler(event.sampleRate, options.sampleRate);
          fromRate = event.sampleRate;
        }
        out(resampler!.push(event.pcm));
      }
      if (resampler && !ctx.signal!.aborted) out(resampler.flush());
      if (ctx.signal!.aborted) throw new AppError('ai.cancelled', 499, 'the speak call was cancelled');
      breaker.succeeded();
      const latencyMs = performance.now() - started;
      const durationSec = Math.round((samples / options.sampleRate) * 1000) / 1000;
      const callId = await policy.record(
        'speak',
        provider.name,
        ctx,
        latencyMs,
        { model: usedModel, characters: text.length, audioSeconds: durationSec },
        'ok',
      );
      return {
        durationSec,
        model: usedModel,
        provider: provider.name,
        firstAudioMs: Math.round(Math.max(0, firstAudioMs)),
        latencyMs: Math.round(latencyMs),
        callId,
      };
    } catch (err) {
      lastError = err;
      if (ctx.signal!.aborted) break;
      if (err instanceof AppError) {
        // A deterministic refusal (no speech engine, a format it cannot make): not an outage.
        breaker.succeeded();
        await policy.record('speak', provider.name, ctx, performance.now() - started, { model }, 'error', err.code);
        throw err;
      }
      // Once audio reached the caller a retry would repeat it; only a silent failure is retried.
      if (samples > 0 || !policy.isRetryable(err) || attempt >= config.maxRetries) break;
      try {
        await policy.backoff(attempt, ctx.signal);
      } catch {
        break;
      }
    } finally {
      idle.stop();
    }
  }
  return policy.fail('speak', provider.name, ctx, model, started, lastError, policy.breakerFor('speak', provider.name));
}

export function createTranscriptionStream(
  policy: CallPolicy,
  provider: TranscribeProvider,
  options: TranscribeStreamOptions,
): TranscriptionStream {
  assertSampleRate(options.sampleRate);
  const { config } = policy;
  const model = options.model ?? (provider.name === 'openai' ? config.models.transcribe : 'offline');
  const dropped = new AbortController();
  const ctxSignal = options.signal ? AbortSignal.any([options.signal, dropped.signal]) : dropped.signal;
  const ctx: AiCallContext = { ...options, signal: ctxSignal };
  const opened = performance.now();
  let state: 'open' | 'finishing' | 'closed' = 'open';
  let bytes = 0;
  let tooLarge = false;
  const chunks: Buffer[] = [];
  let live: ProviderTranscription | null = null;
  if (provider.transcribeStream) {
    live = provider.transcribeStream({
      sampleRate: options.sampleRate,
      language: options.language,
      model: options.model,
      signal: ctxSignal,
      onPartial: options.onPartial
        ? (text) => {
            if (state === 'open') options.onPartial!(text);
          }
        : undefined,
    });
  }

  async function finishUtterance(): Promise<TranscribeStreamResult> {
    if (state !== 'open') throw new AppError('ai.invalid_request', 400, 'the transcription stream is already finished');
    state = 'finishing';
    const finishStarted = performance.now();
    try {
      if (tooLarge) throw new AppError('ai.audio_too_large', 413, `an utterance must be at most ${MAX_UTTERANCE_BYTES} bytes`);
      if (bytes === 0) throw new AppError('ai.invalid_request', 400, 'audio is empty');
      if (ctxSignal.aborted) throw new AppError('ai.cancelled', 499, 'the transcribe call was cancelled');
      await policy.admit('transcribe', provider.name, ctx, model);
      const breaker = policy.breakerFor('transcribe', provider.name);
      const value = await attempts(breaker, finishStarted);
      breaker.succeeded();
      const finishMs = performance.now() - finishStarted;
      const callId = await policy.record(
        'transcribe',
        provider.name,
        ctx,
        finishMs,
        { model: value.model, audioSeconds: value.durationSec },
        'ok',
      );
      return {
        ...value,
        provider: provider.name,
        latencyMs: Math.round(performance.now() - opened),
        finishMs: Math.round(finishMs),
        callId,
      };
    } catch (err) {
      live?.abort();
      throw err;
    } finally {
      state = 'closed';
      chunks.length = 0;
    }
  }

  async function attempts(breaker: CircuitBreaker, started: number): Promise<ProviderTranscript> {
    const wav = live ? null : pcm16ToWav(Buffer.concat(chunks), options.sampleRate);
    chunks.length = 0;
    // A live provider holds the audio itself, so it gets one attempt; a buffered WAV may be sent again.
    const tries = live ? 1 : config.maxRetries + 1;
    let lastError: unknown;
    for (let i = 0; i < tries; i++) {
      const signal = AbortSignal.any([ctxSignal, AbortSignal.timeout(config.timeoutMs)]);
      try {
        return live
          ? await live.finish(signal)
          : await provider.transcribe(wav!, 'audio/wav', { language: options.language, model: options.model, signal });
      } catch (err) {
        lastError = err;
        if (ctxSignal.aborted) break;
        if (err instanceof AppError) {
          breaker.succeeded();
          await policy.record('transcribe', provider.name, ctx, performance.now() - started, { model }, 'error', err.code);
          throw err;
        }
        if (!policy.isRetryable(err) || i + 1 >= tries) break;
        try {
          await policy.backoff(i, ctxSignal);
        } catch {
          break;
        }
      }
    }
    return policy.fail('transcribe', provider.name, ctx, model, started, lastError, breaker);
  }

  return {
    write(pcm) {
      if (state !== 'open' || tooLarge) return;
      bytes += pcm.length;
      if (bytes > MAX_UTTERANCE_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        live?.abort();
        return;
      }
      if (live) live.write(pcm);
      else chunks.push(Buffer.from(pcm));
    },
    finish: finishUtterance,
    abort() {
      if (state === 'closed') return;
      state = 'closed';
      chunks.length = 0;
      dropped.abort();
      live?.abort();
    },
  };
}
