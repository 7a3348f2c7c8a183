import type { AiConfig } from '../../config.js';
import { AppError } from '../http/errors.js';
import { createSpeechStream, createTranscriptionStream } from './audio-streams.js';
import type { EngineCallPolicy } from './call-policy.js';
import type {
  SpeakOptions,
  SpeakResult,
  SpeakStreamOptions,
  TranscribeOptions,
  TranscribeResult,
  TranscribeStreamOptions,
} from './engine.js';
import type { SpeakProvider, TranscribeProvider } from './providers/provider.js';

/** Largest audio the port reads into memory for transcription. */
const MAX_AUDIO_BYTES = 50 * 1024 * 1024;

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

export interface SpeechCallsDeps {
  config: AiConfig;
  transcribeProvider: TranscribeProvider;
  speakProvider: SpeakProvider;
  policy: EngineCallPolicy;
}

/** Speech through the call policy: transcription and synthesis, whole clips and streams. */
export function createSpeechCalls(deps: SpeechCallsDeps) {
  const { config, transcribeProvider, speakProvider, policy } = deps;

  async function transcribe(
    audio: Uint8Array | AsyncIterable<Uint8Array>,
    contentType: string,
    options: TranscribeOptions = {},
  ): Promise<TranscribeResult> {
    const bytes = await readAudio(audio);
    if (bytes.length === 0) throw new AppError('ai.invalid_request', 400, 'audio is empty');
    const provider = transcribeProvider;
    const model = options.model ?? (provider.name === 'openai' ? config.models.transcribe : 'offline');
    const { value, latencyMs, callId } = await policy.invoke(
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
    const provider = speakProvider;
    const model = options.model ?? (provider.name === 'openai' ? config.models.speak : provider.name);
    const format = options.format ?? 'wav';
    const { value, latencyMs, callId } = await policy.invoke(
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

  return {
    transcribe,
    speak,
    speakStream: (text: string, options: SpeakStreamOptions) => createSpeechStream(policy, speakProvider, text, options),
    transcribeStream: (options: TranscribeStreamOptions) => createTranscriptionStream(policy, transcribeProvider, options),
  };
}
