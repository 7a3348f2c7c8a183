/**
 * The AI engine port. Every product's AI goes through this interface; only `providers/*` speak to AI services.
 * Each capability has its own provider, chosen by configuration (`AI_CHAT_PROVIDER`, `AI_EMBED_PROVIDER`, …).
 */
import type { Db } from '../db/database.js';

export type AiCapability = 'chat' | 'embed' | 'transcribe' | 'speak' | 'voice';
export type AiProviderName = 'offline' | 'openai' | 'engine';

/** Who asked and under which prompt or rubric version; recorded with every call in core.ai_calls. */
export interface AiCallContext {
  /** The user the call is for: quotas apply and usage is attributed. Omit for system work. */
  userId?: string | null;
  /** Version of the prompt, rubric or template that produced the request, e.g. `reply@3`. */
  promptVersion?: string;
  /** Cancels the call (a closed SSE stream, a hung-up call). */
  signal?: AbortSignal;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest extends AiCallContext {
  messages: ChatMessage[];
  promptVersion: string;
  model?: string;
  temperature?: number;
  maxTokens?: number;
  /** Ask for structured output: the reply is parsed and validated against this JSON schema (`result.json`). */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResult {
  text: string;
  /** The parsed, schema-valid object when `jsonSchema` was given. */
  json?: unknown;
  /** `cancelled` when the caller's signal stopped the stream; `text` then holds what arrived. */
  finishReason: 'stop' | 'length' | 'cancelled';
  usage: TokenUsage;
  model: string;
  provider: AiProviderName;
  latencyMs: number;
  /** The core.ai_calls row of this call. */
  callId: string;
}

/** Token deltas as they arrive (`for await`), then `result` once the stream ends. Awaiting `result` alone drains the stream. */
export interface ChatStream extends AsyncIterable<string> {
  readonly result: Promise<ChatResult>;
}

export interface EmbedOptions extends AiCallContext {
  /** Vector length; default AI_EMBED_DIMENSIONS (384). */
  dimensions?: number;
  model?: string;
}

export interface EmbedResult {
  vectors: number[][];
  model: string;
  provider: AiProviderName;
  dimensions: number;
  usage: { promptTokens: number };
  latencyMs: number;
  callId: string;
}

export interface TranscribeOptions extends AiCallContext {
  /** BCP 47 or ISO 639-1 hint. */
  language?: string;
  model?: string;
}

export interface WordTiming {
  word: string;
  start: number;
  end: number;
}

export interface TranscribeResult {
  text: string;
  words?: WordTiming[];
  durationSec: number;
  language?: string;
  model: string;
  provider: AiProviderName;
  latencyMs: number;
  callId: string;
}

export type AudioFormat = 'wav' | 'mp3';

export interface SpeakOptions extends AiCallContext {
  voice?: string;
  /** A voice trained by the voice-training engine (a persona's voice). */
  trainedVoiceId?: string;
  format?: AudioFormat;
  model?: string;
}

export interface SpeakResult {
  audio: Buffer;
  contentType: string;
  durationSec: number;
  model: string;
  provider: AiProviderName;
  latencyMs: number;
  callId: string;
}

/** Training job states of the voice-training engine contract. */
export type TrainingStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

export interface UploadVoiceFileRequest extends AiCallContext {
  personaId: string;
  /** Where the engine can fetch the file (a signed download URL). */
  fileUrl: string;
  fileName?: string;
  contentType?: string;
  fileSize?: number;
}

export interface CreateTrainingJobRequest extends AiCallContext {
  personaId: string;
  /** The engine's ids of the uploaded voice files (`uploadVoiceFile`). */
  fileIds: string[];
  /** Where the engine sends status changes; defaults to `${TALKBASE_PUBLIC_URL}/v1/webhooks/engine`. */
  callbackUrl?: string;
  /** Makes a retried create return the same job. */
  idempotencyKey?: string;
}

export interface TrainingJob {
  jobId: string;
  personaId: string;
  status: TrainingStatus;
  /** 0–100 */
  progress: number;
  /** Set when COMPLETED: the id to pass as `speak({ trainedVoiceId })`. */
  trainedVoiceId?: string | null;
  error?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Sample rates the streaming audio methods speak (PCM16 little-endian mono). */
export type PcmSampleRate = 8000 | 16000 | 24000;

export interface SpeakStreamOptions extends SpeakOptions {
  /** The rate of the PCM16 chunks the stream yields. */
  sampleRate: PcmSampleRate;
}

export interface SpeakStreamResult {
  durationSec: number;
  model: string;
  provider: AiProviderName;
  /** From the call to the provider's first audio chunk: the provider's own time to first audio. */
  firstAudioMs: number;
  latencyMs: number;
  callId: string;
}

/** PCM16 LE mono chunks at the requested rate as they are synthesized (`for await`), then `result`. */
export interface SpeechStream extends AsyncIterable<Buffer> {
  readonly result: Promise<SpeakStreamResult>;
}

export interface TranscribeStreamOptions extends TranscribeOptions {
  /** The rate of the PCM16 LE mono audio written to the stream. */
  sampleRate: PcmSampleRate;
  /** Partial hypotheses of the audio so far, as the provider forms them. */
  onPartial?: (text: string) => void;
}

export interface TranscribeStreamResult extends TranscribeResult {
  /** From `finish()` to the final text: the provider's own time after the audio ended. */
  finishMs: number;
}

/** One utterance streamed to the transcriber: write audio as it arrives, then `finish` for the final text. */
export interface TranscriptionStream {
  write(pcm: Buffer): void;
  finish(): Promise<TranscribeStreamResult>;
  /** Drops the utterance (barge-in cancelled, socket closed); `finish` is not called after it. */
  abort(): void;
}

export interface AiEngine {
  chat(request: ChatRequest): ChatStream;
  /** Speech as it is synthesized, in PCM16 at `sampleRate`; a provider that only makes whole clips yields one. */
  speakStream(text: string, options: SpeakStreamOptions): SpeechStream;
  /** Streaming transcription of one utterance of PCM16 audio. */
  transcribeStream(options: TranscribeStreamOptions): TranscriptionStream;
  embed(texts: string[], options?: EmbedOptions): Promise<EmbedResult>;
  transcribe(audio: Uint8Array | AsyncIterable<Uint8Array>, contentType: string, options?: TranscribeOptions): Promise<TranscribeResult>;
  speak(text: string, options?: SpeakOptions): Promise<SpeakResult>;
  uploadVoiceFile(request: UploadVoiceFileRequest): Promise<{ fileId: string }>;
  createTrainingJob(request: CreateTrainingJobRequest): Promise<TrainingJob>;
  getJobStatus(jobId: string, context?: AiCallContext): Promise<TrainingJob>;
  cancelJob(jobId: string, context?: AiCallContext): Promise<TrainingJob>;
  /**
   * Runs `listener` for every verified training status webhook (POST /v1/webhooks/engine), inside the
   * transaction that records the webhook id, so a repeated delivery has no effect.
   */
  onTrainingStatus(listener: TrainingStatusListener): void;
  /** Called by the webhook route; runs the listeners. */
  dispatchTrainingStatus(tx: Db, job: TrainingJob, context: { webhookId: string }): Promise<void>;
  /** The whsec_ secrets /v1/webhooks/engine accepts. */
  readonly engineWebhookSecrets: string[];
  /** Which provider serves each capability (for /ready and the console). */
  readonly providers: Record<AiCapability, AiProviderName>;
  close(): Promise<void>;
}

export type TrainingStatusListener = (tx: Db, job: TrainingJob, context: { webhookId: string }) => Promise<void>;
