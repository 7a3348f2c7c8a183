import { createRequire } from 'node:module';
import type OpenAI from 'openai';
import type { AiConfig } from '../../../../config.js';
import { readWav } from '../offline/wav.js';
import {
  AiProviderError,
  type ChatProvider,
  type EmbedProvider,
  type ProviderChatEvent,
  type ProviderSpeechEvent,
  type SpeakProvider,
  type TranscribeProvider,
} from '../provider.js';

export interface OpenAiProviders {
  chat: ChatProvider;
  embed: EmbedProvider;
  transcribe: TranscribeProvider;
  speak: SpeakProvider;
}

// The client library is loaded when a capability is first served through it: a server configured for the offline
// providers (the default) never holds it in memory.
let sdk: typeof import('openai') | undefined;
const openaiSdk = () => (sdk ??= createRequire(import.meta.url)('openai') as typeof import('openai'));

/** Maps the client's errors to retryable or final provider errors; the port owns retries, so the client has none. */
function providerError(err: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) {
    const reason = signal.reason as Error | undefined;
    return reason?.name === 'TimeoutError'
      ? new AiProviderError('timeout', 'the OpenAI-compatible server did not answer in time', true)
      : err;
  }
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } = openaiSdk();
  if (err instanceof APIConnectionTimeoutError)
    return new AiProviderError('timeout', 'the OpenAI-compatible server did not answer in time', true);
  if (err instanceof APIUserAbortError) return err;
  if (err instanceof APIConnectionError)
    return new AiProviderError('connection_failed', `cannot reach the OpenAI-compatible server: ${err.message}`, true);
  if (err instanceof APIError) {
    const status = err.status ?? 0;
    const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
    return new AiProviderError(
      status === 429 ? 'rate_limited' : `http_${status}`,
      `the OpenAI-compatible server answered ${status}: ${err.message}`,
      retryable,
      status,
    );
  }
  return err;
}

const EXTENSIONS: Record<string, string> = {
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/flac': 'flac',
};

/** The rate of `response_format: pcm` speech. */
const OPENAI_PCM_RATE = 24000;

const MP3_KBPS = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** Audio length from a WAV header, or from the first MPEG-1 Layer III frame's bitrate; 0 when neither is readable. */
function audioDuration(audio: Buffer): number {
  const wav = readWav(audio);
  if (wav) return wav.durationSec;
  let i =
    audio.length > 10 && audio.toString('ascii', 0, 3) === 'ID3'
      ? 10 + ((audio[6]! << 21) | (audio[7]! << 14) | (audio[8]! << 7) | audio[9]!)
      : 0;
  for (; i + 4 < audio.length && i < 65536; i++) {
    if (audio[i] === 0xff && (audio[i + 1]! & 0xfe) === 0xfa) {
      const kbps = MP3_KBPS[audio[i + 2]! >> 4] ?? 0;
      return kbps ? Math.round((((audio.length - i) * 8) / (kbps * 1000)) * 1000) / 1000 : 0;
    }
  }
  return 0;
}

/** A voice the offline simulator "trained" exists only offline; an OpenAI-compatible server would refuse its id. */
const trainedVoice = (id: string | undefined) => (id && !id.startsWith('offline-voice-') ? id : undefined);

/** Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp, LM Studio) through the official client. */
export function createOpenAiProviders(config: AiConfig): OpenAiProviders {
  // One client per server: chat, embeddings, transcription and speech may each be served by a different one.
  const clients = new Map<string, OpenAI>();
  const clientFor = (capability: keyof AiConfig['endpoints']) => {
    const own = config.endpoints[capability];
    const baseUrl = own?.baseUrl ?? config.openai.baseUrl;
    const apiKey = own?.apiKey ?? config.openai.apiKey;
    const key = `${baseUrl}\n${apiKey ?? ''}`;
    let c = clients.get(key);
    if (!c) {
      c = new (openaiSdk().OpenAI)({ apiKey: apiKey ?? 'not-needed', baseURL: baseUrl, maxRetries: 0, timeout: config.timeoutMs });
      clients.set(key, c);
    }
    return c;
  };

  const chat: ChatProvider = {
    name: 'openai',
    async *chat(request): AsyncIterable<ProviderChatEvent> {
      const model = request.model ?? config.models.chat;
      try {
        const stream = await clientFor('chat').chat.completions.create(
          {
            model,
            messages: request.messages,
            stream: true,
            stream_options: { include_usage: true },
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
            ...(request.jsonSchema
              ? {
                  response_format: {
                    type: 'json_schema' as const,
                    json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: false },
                  },
                }
              : {}),
          },
          { signal: request.signal },
        );
        let finishReason: 'stop' | 'length' = 'stop';
        let usage = { promptTokens: 0, completionTokens: 0 };
        let seenModel = model;
        let finished = false;
        for await (const chunk of stream) {
          if (chunk.model) seenModel = chunk.model;
          const choice = chunk.choices?.[0];
          const text = choice?.delta?.content;
          if (text) yield { type: 'delta', text };
          if (choice?.finish_reason) {
            finished = true;
            finishReason = choice.finish_reason === 'length' ? 'length' : 'stop';
          }
          if (chunk.usage) usage = { promptTokens: chunk.usage.prompt_tokens, completionTokens: chunk.usage.completion_tokens };
        }
        if (!finished) throw new AiProviderError('incomplete_stream', 'the chat stream ended before a finish_reason', true);
        yield { type: 'done', usage, model: seenModel, finishReason };
      } catch (err) {
        throw providerError(err, request.signal);
      }
    },
  };

  const embed: EmbedProvider = {
    name: 'openai',
    async embed(texts, options) {
      const model = options.model ?? config.models.embed;
      try {
        const res = await clientFor('embed').embeddings.create(
          { model, input: texts, dimensions: options.dimensions, encoding_format: 'float' },
          { signal: options.signal },
        );
        const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        return { vectors, model: res.model || model, promptTokens: res.usage?.prompt_tokens ?? 0 };
      } catch (err) {
        throw providerError(err, options.signal);
      }
    },
  };

  const transcribe: TranscribeProvider = {
    name: 'openai',
    async transcribe(audio, contentType, options) {
      const model = options.model ?? config.models.transcribe;
      const type = contentType.split(';')[0]!.trim().toLowerCase();
      try {
        const file = await openaiSdk().toFile(audio, `audio.${EXTENSIONS[type] ?? 'bin'}`, { type });
        const res = (await clientFor('transcribe').audio.transcriptions.create(
          {
            file,
            model,
            response_format: 'verbose_json',
            timestamp_granularities: ['word'],
            ...(options.language ? { language: options.language } : {}),
          },
          { signal: options.signal },
        )) as { text: string; duration?: number | string; language?: string; words?: { word: string; start: number; end: number }[] };
        const duration = Number(res.duration);
        return {
          text: res.text.trim(),
          ...(res.words?.length ? { words: res.words.map((w) => ({ word: w.word, start: w.start, end: w.end })) } : {}),
          durationSec: Number.isFinite(duration) && duration > 0 ? duration : audioDuration(audio),
          ...(res.language ? { language: res.language } : {}),
          model,
        };
      } catch (err) {
        throw providerError(err, options.signal);
      }
    },
  };

  const speak: SpeakProvider = {
    name: 'openai',
    async speak(text, options) {
      const model = options.model ?? config.models.speak;
      try {
        const res = await clientFor('speak').audio.speech.create(
          {
            model,
            voice: (trainedVoice(options.trainedVoiceId) ?? options.voice ?? config.speakVoice) as 'alloy',
            input: text,
            response_format: options.format,
          },
          { signal: options.signal },
        );
        const audio = Buffer.from(await res.arrayBuffer());
        return { audio, contentType: options.format === 'wav' ? 'audio/wav' : 'audio/mpeg', durationSec: audioDuration(audio), model };
      } catch (err) {
        throw providerError(err, options.signal);
      }
    },
    /** `response_format: pcm` is raw 24 kHz PCM16 mono, passed on as the body streams in. */
    async *speakStream(text, options): AsyncIterable<ProviderSpeechEvent> {
      const model = options.model ?? config.models.speak;
      let carry: Buffer | null = null;
      try {
        const res = await clientFor('speak').audio.speech.create(
          {
            model,
            voice: (trainedVoice(options.trainedVoiceId) ?? options.voice ?? config.speakVoice) as 'alloy',
            input: text,
            response_format: 'pcm',
          },
          { signal: options.signal },
        );
        if (!res.body) throw new AiProviderError('invalid_response', 'the speech server answered without a body', false);
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          let pcm = Buffer.from(chunk);
          if (carry) pcm = Buffer.concat([carry, pcm]);
          carry = pcm.length % 2 ? pcm.subarray(pcm.length - 1) : null;
          if (carry) pcm = pcm.subarray(0, pcm.length - 1);
          if (pcm.length) yield { type: 'audio', pcm, sampleRate: OPENAI_PCM_RATE };
        }
      } catch (err) {
        throw providerError(err, options.signal);
      }
      yield { type: 'done', model };
    },
  };

  return { chat, embed, transcribe, speak };
}
