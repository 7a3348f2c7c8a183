import type {
  AiProviderName,
  AudioFormat,
  ChatMessage,
  CreateTrainingJobRequest,
  PcmSampleRate,
  TokenUsage,
  TrainingJob,
  UploadVoiceFileRequest,
  WordTiming,
} from '../engine.js';

/** What the port hands a provider: the request plus the signal that carries both the caller's cancel and the timeout. */
export interface ProviderCall {
  signal: AbortSignal;
}

export interface ProviderChatRequest extends ProviderCall {
  messages: ChatMessage[];
  model?: string;
  temperature?: number;
  maxTokens?: number;
  jsonSchema?: { name: string; schema: Record<string, unknown> };
}

/** A provider's chat stream: text deltas, then the final usage and model. */
export type ProviderChatEvent =
  { type: 'delta'; text: string } | { type: 'done'; usage: TokenUsage; model: string; finishReason: 'stop' | 'length' };

export interface ChatProvider {
  readonly name: AiProviderName;
  chat(request: ProviderChatRequest): AsyncIterable<ProviderChatEvent>;
}

export interface EmbedProvider {
  readonly name: AiProviderName;
  embed(
    texts: string[],
    options: ProviderCall & { dimensions: number; model?: string },
  ): Promise<{ vectors: number[][]; model: string; promptTokens: number }>;
}

export interface ProviderTranscript {
  text: string;
  words?: WordTiming[];
  durationSec: number;
  language?: string;
  model: string;
}

/** One utterance streamed to a provider: PCM16 LE mono at the rate it was opened with. */
export interface ProviderTranscription {
  write(pcm: Buffer): void;
  /** The final text; `signal` carries the caller's cancel and the port's timeout, counted from the end of the audio. */
  finish(signal: AbortSignal): Promise<ProviderTranscript>;
  /** Drops the utterance and releases what the provider holds for it. */
  abort(): void;
}

export interface TranscribeProvider {
  readonly name: AiProviderName;
  transcribe(
    audio: Buffer,
    contentType: string,
    options: ProviderCall & { language?: string; model?: string },
  ): Promise<ProviderTranscript>;
  /** Streaming transcription with partial hypotheses; without it the port buffers the audio and calls `transcribe` with a WAV. */
  transcribeStream?(
    options: ProviderCall & { sampleRate: PcmSampleRate; language?: string; model?: string; onPartial?: (text: string) => void },
  ): ProviderTranscription;
}

/** A provider's speech stream: PCM16 LE mono chunks at the provider's own rate, then the model that spoke. */
export type ProviderSpeechEvent = { type: 'audio'; pcm: Buffer; sampleRate: number } | { type: 'done'; model: string };

export interface SpeakProvider {
  readonly name: AiProviderName;
  speak(
    text: string,
    options: ProviderCall & { voice?: string; trainedVoiceId?: string; format: AudioFormat; model?: string },
  ): Promise<{ audio: Buffer; contentType: string; durationSec: number; model: string }>;
  /** Speech as it is synthesized; without it the port decodes the whole WAV clip of `speak`. `sampleRate` is a hint. */
  speakStream?(
    text: string,
    options: ProviderCall & { voice?: string; trainedVoiceId?: string; model?: string; sampleRate: PcmSampleRate },
  ): AsyncIterable<ProviderSpeechEvent>;
}

export interface VoiceProvider {
  readonly name: AiProviderName;
  uploadVoiceFile(request: Omit<UploadVoiceFileRequest, 'userId' | 'promptVersion' | 'signal'> & ProviderCall): Promise<{ fileId: string }>;
  createTrainingJob(
    request: Omit<CreateTrainingJobRequest, 'userId' | 'promptVersion' | 'signal'> &
      ProviderCall & { callbackUrl: string; idempotencyKey: string },
  ): Promise<TrainingJob>;
  getJobStatus(jobId: string, call: ProviderCall): Promise<TrainingJob>;
  cancelJob(jobId: string, call: ProviderCall): Promise<TrainingJob>;
}

/**
 * A provider failure the port may retry (`retryable`) and that counts toward the circuit breaker.
 * Deterministic refusals (no espeak-ng, audio it cannot read) are AppErrors instead and pass straight through.
 */
export class AiProviderError extends Error {
  override name = 'AiProviderError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}
