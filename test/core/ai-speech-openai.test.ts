import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { wavToPcm16 } from '../../src/core/ai/pcm.js';
import { startCompatibleServer } from '../support/openai-compatible-server.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

/** One second of a 440 Hz tone at 24 kHz, the rate of `response_format: pcm`. */
const tone = (() => {
  const b = Buffer.alloc(24000 * 2);
  for (let i = 0; i < 24000; i++) b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 24000)), i * 2);
  return b;
})();

let chatServer: Awaited<ReturnType<typeof startCompatibleServer>>;
let whisper: Awaited<ReturnType<typeof startCompatibleServer>>;
let tts: Awaited<ReturnType<typeof startCompatibleServer>>;
let t: TestApp;

beforeAll(async () => {
  // A local model server for chat, a Whisper server for transcription, a Kokoro/Piper-like server for speech.
  chatServer = await startCompatibleServer({ reply: 'Of course, I remember the bread we baked' });
  whisper = await startCompatibleServer({ transcript: 'I would like a table for two' });
  tts = await startCompatibleServer({ speechPcm: tone, speechChunks: 5, tokenDelayMs: 30 });
  const ai = loadConfig().ai;
  t = await createTestApp({
    config: {
      ai: {
        ...ai,
        providers: { ...ai.providers, chat: 'openai', transcribe: 'openai', speak: 'openai' },
        openai: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'shared-key' },
        endpoints: {
          chat: { baseUrl: chatServer.url, apiKey: 'chat-key' },
          transcribe: { baseUrl: whisper.url },
          speak: { baseUrl: tts.url, apiKey: 'speak-key' },
        },
        models: { ...ai.models, chat: 'llama3.2', transcribe: 'whisper-large-v3', speak: 'kokoro' },
        maxRetries: 0,
      },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await Promise.all([chatServer?.close(), whisper?.close(), tts?.close()]);
});

describe('OpenAI-compatible servers per capability', () => {
  it('chat, transcription and speech each go to their own server with their own key', async () => {
    const u = await signUp(t.app);
    const ai = t.app.core.ai;

    const reply = ai.chat({ messages: [{ role: 'user', content: 'Do you remember?' }], promptVersion: 'test@1', userId: u.user.id });
    const deltas: string[] = [];
    for await (const d of reply) deltas.push(d);
    expect(deltas.length).toBeGreaterThan(3);
    expect((await reply.result).text).toBe('Of course, I remember the bread we baked');

    // Speech streams as the body arrives (five pieces, 30 ms apart), resampled from 24 to 16 kHz.
    const started = performance.now();
    const speech = ai.speakStream('Hello there', { sampleRate: 16000, userId: u.user.id, voice: 'af_heart' });
    const chunks: { at: number; bytes: number }[] = [];
    for await (const c of speech) chunks.push({ at: performance.now() - started, bytes: c.length });
    const spoken = await speech.result;
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    expect(chunks.every((c) => c.bytes % 2 === 0)).toBe(true);
    expect(chunks[0]!.at).toBeLessThan(chunks.at(-1)!.at - 60);
    const samples = chunks.reduce((n, c) => n + c.bytes / 2, 0);
    expect(Math.abs(samples - 16000)).toBeLessThanOrEqual(2);
    expect(spoken).toMatchObject({ provider: 'openai', model: 'kokoro', durationSec: 1 });
    expect(spoken.firstAudioMs).toBeLessThan(spoken.latencyMs);
    expect(tts.state.speechRequests[0]).toMatchObject({ model: 'kokoro', voice: 'af_heart', input: 'Hello there', response_format: 'pcm' });

    // Transcription streams the utterance in, then uploads it once as a 16 kHz WAV.
    const heard = ai.transcribeStream({ sampleRate: 16000, userId: u.user.id });
    for (let i = 0; i < 50; i++) heard.write(Buffer.alloc(640));
    const text = await heard.finish();
    expect(text).toMatchObject({ text: 'I would like a table for two', provider: 'openai', model: 'whisper-large-v3' });
    expect(whisper.state.uploads).toHaveLength(1);
    const upload = wavToPcm16(whisper.state.uploads[0]!.file)!;
    expect(upload.sampleRate).toBe(16000);
    expect(upload.pcm.length).toBe(50 * 640);
    expect(whisper.state.uploads[0]!.model).toBe('whisper-large-v3');

    expect(chatServer.state.paths.every((p) => p.endsWith('/chat/completions'))).toBe(true);
    expect(chatServer.state.authorizations).toEqual(['Bearer chat-key']);
    expect(tts.state.paths).toEqual(['/v1/audio/speech']);
    expect(tts.state.authorizations).toEqual(['Bearer speak-key']);
    expect(whisper.state.paths).toEqual(['/v1/audio/transcriptions']);
    // Transcription has no key of its own: the shared AI_OPENAI_API_KEY.
    expect(whisper.state.authorizations).toEqual(['Bearer shared-key']);

    const rows = await t.database.query<{ capability: string; provider: string; status: string; audio_seconds: number | null }>(
      `SELECT capability, provider, status, audio_seconds FROM core.ai_calls WHERE user_id = $1 ORDER BY id`,
      [u.user.id],
    );
    expect(rows.map((r) => [r.capability, r.provider, r.status])).toEqual([
      ['chat', 'openai', 'ok'],
      ['speak', 'openai', 'ok'],
      ['transcribe', 'openai', 'ok'],
    ]);
  });

  it('a speech stream the caller stops early stops the request and is recorded as cancelled', async () => {
    const slow = await startCompatibleServer({ speechPcm: tone, speechChunks: 20, tokenDelayMs: 50 });
    const ai = loadConfig().ai;
    const app = await createTestApp({
      config: { ai: { ...ai, providers: { ...ai.providers, speak: 'openai' }, endpoints: { speak: { baseUrl: slow.url } } } },
    });
    try {
      const stream = app.app.core.ai.speakStream('Hello there', { sampleRate: 24000 });
      let got = 0;
      for await (const c of stream) {
        got += c.length;
        break;
      }
      expect(got).toBeGreaterThan(0);
      await expect(stream.result).rejects.toMatchObject({ code: 'ai.cancelled' });
      const [row] = await app.database.query<{ status: string; error_code: string }>(
        `SELECT status, error_code FROM core.ai_calls WHERE capability = 'speak'`,
      );
      expect(row).toMatchObject({ status: 'error', error_code: 'cancelled' });
    } finally {
      await app.close();
      await slow.close();
    }
  });

  it('reads each capability’s server and key from the environment, falling back to the shared ones', () => {
    const config = loadConfig({
      AI_OPENAI_BASE_URL: 'http://gateway.internal/v1',
      AI_OPENAI_API_KEY: 'sk-shared',
      AI_CHAT_BASE_URL: 'http://127.0.0.1:11434/v1',
      AI_TRANSCRIBE_BASE_URL: 'http://whisper.internal:8000/v1',
      AI_SPEAK_BASE_URL: 'http://kokoro.internal:8880/v1',
      AI_SPEAK_API_KEY: 'sk-speech',
      AI_OFFLINE_RECOGNIZER: 'own-speech',
    }).ai;
    expect(config.endpoints).toEqual({
      chat: { baseUrl: 'http://127.0.0.1:11434/v1' },
      embed: {},
      transcribe: { baseUrl: 'http://whisper.internal:8000/v1' },
      speak: { baseUrl: 'http://kokoro.internal:8880/v1', apiKey: 'sk-speech' },
    });
    expect(config.openai).toEqual({ baseUrl: 'http://gateway.internal/v1', apiKey: 'sk-shared' });
    expect(config.offlineRecognizer).toBe('own-speech');
    expect(() => loadConfig({ AI_TRANSCRIBE_BASE_URL: 'whisper:8000' })).toThrow(/AI_TRANSCRIBE_BASE_URL/);
    expect(() => loadConfig({ AI_OFFLINE_RECOGNIZER: 'vosk' })).toThrow(/AI_OFFLINE_RECOGNIZER/);
  });
});
