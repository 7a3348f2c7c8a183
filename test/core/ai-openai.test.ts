import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, type AiConfig } from '../../src/config.js';
import { createAiEngine } from '../../src/core/ai/ai-engine.js';
import type { AiEngine } from '../../src/core/ai/engine.js';
import { createOpenAiProviders } from '../../src/core/ai/providers/openai/index.js';
import { createVoiceTrainingSimulator } from '../../src/core/ai/providers/offline/index.js';
import { writeWav } from '../../src/core/ai/providers/offline/wav.js';
import { AppError } from '../../src/core/http/errors.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/** What the fake server does next on a path: answer normally, answer with an HTTP status, never answer, or cut a stream after one chunk. */
type Mode = 'ok' | number | 'hang' | 'cut-after-first-chunk' | 'bad-json';

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  json?: Record<string, unknown>;
  multipart?: Record<string, { filename?: string; contentType?: string; data: Buffer }>;
}

/** Splits a multipart/form-data body into its parts (the shape the openai client sends for audio files). */
function parseMultipart(body: Buffer, contentType: string) {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType)!;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Record<string, { filename?: string; contentType?: string; data: Buffer }> = {};
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headerEnd).toString();
    const name = /name="([^"]+)"/.exec(head)![1]!;
    parts[name] = {
      filename: /filename="([^"]*)"/.exec(head)?.[1],
      contentType: /content-type:\s*(\S+)/i.exec(head)?.[1],
      data: part.subarray(headerEnd + 4),
    };
    pos = next;
  }
  return parts;
}

const speechWav = writeWav({ sampleRate: 8000, channels: 1, bitsPerSample: 16, data: Buffer.alloc(16000) });

/** An OpenAI-compatible server speaking the real wire format: SSE chat chunks with a usage chunk, embeddings, multipart transcription, speech bytes. */
async function startFakeOpenAi() {
  const modes: Record<string, Mode[]> = {};
  const received: Received[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url!.replace(/^\/v1/, '');
      const r: Received = { path, headers: req.headers };
      if (String(req.headers['content-type']).startsWith('application/json')) r.json = JSON.parse(body.toString());
      if (String(req.headers['content-type']).startsWith('multipart/form-data'))
        r.multipart = parseMultipart(body, String(req.headers['content-type']));
      received.push(r);
      const mode = modes[path]?.shift() ?? 'ok';
      if (mode === 'hang') {
        open.add(res);
        return;
      }
      if (typeof mode === 'number') {
        res.writeHead(mode, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `failing with ${mode}`, type: 'server_error', code: null } }));
        return;
      }
      if (path === '/chat/completions') return chat(r.json!, res, mode);
      if (path === '/embeddings') {
        const input = r.json!.input as string[];
        const dims = (r.json!.dimensions as number) ?? 8;
        res.writeHead(200, { 'content-type': 'application/json' });
        // Out of order on purpose: clients must sort by index.
        const data = input
          .map((text, index) => ({
            object: 'embedding',
            index,
            embedding: Array.from({ length: dims }, (_, k) => (text.length + k) / 100),
          }))
          .reverse();
        res.end(
          JSON.stringify({
            object: 'list',
            data,
            model: 'text-embedding-3-small',
            usage: { prompt_tokens: input.length * 3, total_tokens: input.length * 3 },
          }),
        );
        return;
      }
      if (path === '/audio/transcriptions') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            task: 'transcribe',
            language: 'english',
            duration: 1.25,
            text: ' hello there world ',
            words: [
              { word: 'hello', start: 0, end: 0.4 },
              { word: 'there', start: 0.4, end: 0.8 },
              { word: 'world', start: 0.8, end: 1.2 },
            ],
          }),
        );
        return;
      }
      if (path === '/audio/speech') {
        res.writeHead(200, { 'content-type': 'audio/wav' });
        res.end(speechWav);
        return;
      }
      res.writeHead(404).end();
    });
  });
  function chat(body: Record<string, unknown>, res: http.ServerResponse, mode: Mode) {
    const isJson = !!body.response_format;
    const text =
      mode === 'bad-json'
        ? 'not json at all'
        : isJson
          ? '{"summary":"Router fixed.","keyPoints":["router"]}'
          : 'Hello from the fake server.';
    const pieces = text.match(/.{1,6}/g)!;
    const base = {
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o-mini-2024-07-18',
      system_fingerprint: 'fp',
    };
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (o: unknown) => res.write(`data: ${JSON.stringify(o)}\n\n`);
    send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }], usage: null });
    if (mode === 'cut-after-first-chunk') {
      send({ ...base, choices: [{ index: 0, delta: { content: pieces[0] }, logprobs: null, finish_reason: null }], usage: null });
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    for (const p of pieces)
      send({ ...base, choices: [{ index: 0, delta: { content: p }, logprobs: null, finish_reason: null }], usage: null });
    send({ ...base, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }], usage: null });
    send({ ...base, choices: [], usage: { prompt_tokens: 21, completion_tokens: pieces.length, total_tokens: 21 + pieces.length } });
    res.write('data: [DONE]\n\n');
    res.end();
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    /** Queue behaviours for the next requests on a path. */
    next(path: string, ...m: Mode[]) {
      (modes[path] ??= []).push(...m);
    },
    reset() {
      received.length = 0;
      for (const k of Object.keys(modes)) delete modes[k];
    },
    count: (path: string) => received.filter((r) => r.path === path).length,
    async close() {
      for (const res of open) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let fake: Awaited<ReturnType<typeof startFakeOpenAi>>;
let testDb: TestDatabase;
const clock = createManualClock('2026-04-01T09:00:00Z');

function engineWith(overrides: Partial<AiConfig> = {}): AiEngine {
  const base = loadConfig().ai;
  const config: AiConfig = {
    ...base,
    providers: { chat: 'openai', embed: 'openai', transcribe: 'openai', speak: 'openai', voice: 'offline' },
    openai: { baseUrl: fake.url, apiKey: 'sk-test' },
    timeoutMs: 2000,
    maxRetries: 2,
    breaker: { failureThreshold: 3, coolDownMs: 10_000 },
    ...overrides,
  };
  const openai = createOpenAiProviders(config);
  return createAiEngine({
    config,
    db: testDb.database.db,
    clock,
    providers: {
      voice: createVoiceTrainingSimulator({ stepMs: 1000, webhookSecret: 'whsec_dGVzdC1zZWNyZXQtYnl0ZXMtMTIzNDU2Nzg=' }),
      ...openai,
    },
    retryBaseMs: 5,
    defaultCallbackUrl: 'http://127.0.0.1:1/v1/webhooks/engine',
    engineWebhookSecrets: [],
  });
}

const calls = (id: string) => testDb.database.query<Record<string, unknown>>('SELECT * FROM core.ai_calls WHERE id = $1', [id]);
const lastCall = async () =>
  (await testDb.database.query<Record<string, unknown>>('SELECT * FROM core.ai_calls ORDER BY id DESC LIMIT 1'))[0]!;

beforeAll(async () => {
  fake = await startFakeOpenAi();
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await fake?.close();
  await testDb?.drop();
});
beforeEach(() => fake.reset());

describe('openai provider against an OpenAI-compatible server', () => {
  it('streams chat completions token by token with usage from the final chunk', async () => {
    const ai = engineWith();
    const stream = ai.chat({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.3,
      maxTokens: 50,
      promptVersion: 'chat.reply@2',
      userId: null,
    });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    const r = await stream.result;
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.join('')).toBe('Hello from the fake server.');
    expect(r).toMatchObject({
      text: 'Hello from the fake server.',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      finishReason: 'stop',
      usage: { promptTokens: 21, completionTokens: deltas.length },
    });
    const sent = fake.received[0]!;
    expect(sent.headers.authorization).toBe('Bearer sk-test');
    expect(sent.json).toMatchObject({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.3,
      max_tokens: 50,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ],
    });
    expect((await calls(r.callId))[0]).toMatchObject({
      capability: 'chat',
      provider: 'openai',
      model: 'gpt-4o-mini-2024-07-18',
      prompt_version: 'chat.reply@2',
      prompt_tokens: 21,
      status: 'ok',
    });
  });

  it('asks for structured output with response_format and validates the reply', async () => {
    const ai = engineWith();
    const schema = {
      type: 'object',
      properties: { summary: { type: 'string' }, keyPoints: { type: 'array', items: { type: 'string' } } },
      required: ['summary', 'keyPoints'],
    };
    const r = await ai.chat({
      messages: [{ role: 'user', content: 'Text: the router' }],
      jsonSchema: { name: 'summary', schema },
      promptVersion: 'summary@1',
    }).result;
    expect(r.json).toEqual({ summary: 'Router fixed.', keyPoints: ['router'] });
    expect(fake.received[0]!.json!.response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'summary', schema, strict: false },
    });
    fake.next('/chat/completions', 'bad-json');
    const bad = await ai
      .chat({ messages: [{ role: 'user', content: 'x' }], jsonSchema: { name: 'summary', schema }, promptVersion: 'summary@1' })
      .result.catch((e: unknown) => e);
    expect(bad).toMatchObject({ code: 'ai.invalid_output', status: 502 });
    expect(await lastCall()).toMatchObject({ status: 'error', error_code: 'ai.invalid_output' });
  });

  it('embeddings: vectors in input order, dimensions and usage', async () => {
    const ai = engineWith();
    const r = await ai.embed(['a', 'bbb'], { dimensions: 4 });
    expect(fake.received[0]!.json).toMatchObject({
      model: 'text-embedding-3-small',
      input: ['a', 'bbb'],
      dimensions: 4,
      encoding_format: 'float',
    });
    expect(r.vectors).toEqual([
      [0.01, 0.02, 0.03, 0.04],
      [0.03, 0.04, 0.05, 0.06],
    ]);
    expect(r).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small', dimensions: 4, usage: { promptTokens: 6 } });
  });

  it('transcription: the audio goes as a multipart file; words and duration come back', async () => {
    const ai = engineWith();
    const audio = Buffer.from('RIFF....WAVEfake-audio-bytes');
    const r = await ai.transcribe(audio, 'audio/wav', { language: 'en', userId: null, promptVersion: 'stt@1' });
    const parts = fake.received[0]!.multipart!;
    expect(parts.file!.data.equals(audio)).toBe(true);
    expect(parts.file!.filename).toBe('audio.wav');
    expect(parts.model!.data.toString()).toBe('whisper-1');
    expect(parts.language!.data.toString()).toBe('en');
    expect(parts.response_format!.data.toString()).toBe('verbose_json');
    expect(parts['timestamp_granularities[]']!.data.toString()).toBe('word');
    expect(r).toMatchObject({
      text: 'hello there world',
      durationSec: 1.25,
      language: 'english',
      provider: 'openai',
      words: [
        { word: 'hello', start: 0, end: 0.4 },
        { word: 'there', start: 0.4, end: 0.8 },
        { word: 'world', start: 0.8, end: 1.2 },
      ],
    });
    expect((await calls(r.callId))[0]).toMatchObject({ capability: 'transcribe', audio_seconds: 1.25 });
  });

  it('speech: audio bytes, content type and duration', async () => {
    const ai = engineWith();
    const r = await ai.speak('Hello there', { voice: 'nova', format: 'wav' });
    expect(fake.received[0]!.json).toEqual({ model: 'tts-1', voice: 'nova', input: 'Hello there', response_format: 'wav' });
    expect(r.audio.equals(speechWav)).toBe(true);
    expect(r).toMatchObject({ contentType: 'audio/wav', durationSec: 1, provider: 'openai' });
    expect((await calls(r.callId))[0]).toMatchObject({ capability: 'speak', characters: 11, audio_seconds: 1 });
  });

  it('retries 5xx and 429 with backoff, not 4xx', async () => {
    const ai = engineWith();
    fake.next('/embeddings', 500, 429);
    const r = await ai.embed(['x'], { dimensions: 2 });
    expect(r.vectors).toHaveLength(1);
    expect(fake.count('/embeddings')).toBe(3);

    fake.reset();
    fake.next('/embeddings', 503, 503, 503);
    const err = await ai.embed(['x'], { dimensions: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'ai.unavailable', status: 503, extra: { aiErrorCode: 'http_503' } });
    expect(fake.count('/embeddings')).toBe(3);
    expect(await lastCall()).toMatchObject({ capability: 'embed', provider: 'openai', status: 'error', error_code: 'http_503' });

    fake.reset();
    fake.next('/embeddings', 400);
    await expect(ai.embed(['x'], { dimensions: 2 })).rejects.toMatchObject({ code: 'ai.unavailable', extra: { aiErrorCode: 'http_400' } });
    expect(fake.count('/embeddings')).toBe(1);
  });

  it('chat retries a failure before the first token, never after one', async () => {
    const ai = engineWith();
    fake.next('/chat/completions', 502);
    const ok = await ai.chat({ messages: [{ role: 'user', content: 'hi' }], promptVersion: 'x' }).result;
    expect(ok.text).toBe('Hello from the fake server.');
    expect(fake.count('/chat/completions')).toBe(2);

    fake.reset();
    fake.next('/chat/completions', 'cut-after-first-chunk');
    const stream = ai.chat({ messages: [{ role: 'user', content: 'hi' }], promptVersion: 'x' });
    const seen: string[] = [];
    const err = await (async () => {
      for await (const d of stream) seen.push(d);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['Hello ']);
    expect(err).toMatchObject({ code: 'ai.unavailable', status: 503 });
    await expect(stream.result).rejects.toMatchObject({ code: 'ai.unavailable' });
    expect(fake.count('/chat/completions')).toBe(1);
  });

  it('a server that never answers times out and is recorded as a timeout', async () => {
    const ai = engineWith({ timeoutMs: 300, maxRetries: 1 });
    fake.next('/audio/speech', 'hang', 'hang');
    const started = Date.now();
    const err = await ai.speak('hello').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(err).toMatchObject({ code: 'ai.unavailable', status: 503, extra: { aiErrorCode: 'timeout' } });
    expect((err as Error).message).toMatch(/did not answer in time/);
    expect(fake.count('/audio/speech')).toBe(2);
    expect(await lastCall()).toMatchObject({ capability: 'speak', status: 'error', error_code: 'timeout' });
  });

  it('the circuit breaker opens after consecutive failures, half-opens after the cool-down, and closes on success', async () => {
    const ai = engineWith({ maxRetries: 0, breaker: { failureThreshold: 3, coolDownMs: 10_000 } });
    fake.next('/chat/completions', 500, 500, 500);
    for (let i = 0; i < 3; i++)
      await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).rejects.toMatchObject({
        code: 'ai.unavailable',
      });
    expect(fake.count('/chat/completions')).toBe(3);

    // Open: refused at once, without asking the server, with a Retry-After.
    const refused = await ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result.catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ai.unavailable', status: 503, extra: { retryAfterSeconds: 10 } });
    expect(fake.count('/chat/completions')).toBe(3);
    expect(await lastCall()).toMatchObject({ status: 'error', error_code: 'circuit_open', latency_ms: 0 });
    // Other capabilities have their own breaker.
    expect((await ai.embed(['x'], { dimensions: 2 })).vectors).toHaveLength(1);

    // Half-open after the cool-down: one trial; it fails, so the breaker opens again.
    clock.advance(10_000);
    fake.next('/chat/completions', 500);
    await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).rejects.toMatchObject({
      code: 'ai.unavailable',
    });
    expect(fake.count('/chat/completions')).toBe(4);
    await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).rejects.toMatchObject({
      extra: { retryAfterSeconds: 10 },
    });
    expect(fake.count('/chat/completions')).toBe(4);

    // The server recovers; after the next cool-down the trial succeeds and the breaker closes.
    clock.advance(10_000);
    expect((await ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).text).toBe(
      'Hello from the fake server.',
    );
    expect((await ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).text).toBe(
      'Hello from the fake server.',
    );
    expect(fake.count('/chat/completions')).toBe(6);
  });

  it('a trial call the caller cancels does not leave the breaker half-open for good', async () => {
    const ai = engineWith({ maxRetries: 0, breaker: { failureThreshold: 1, coolDownMs: 5_000 } });
    fake.next('/chat/completions', 500, 'hang');
    await expect(ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).rejects.toMatchObject({
      code: 'ai.unavailable',
    });
    clock.advance(5_000);
    const controller = new AbortController();
    const trial = ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await trial.result).finishReason).toBe('cancelled');
    expect((await ai.chat({ messages: [{ role: 'user', content: 'x' }], promptVersion: 'x' }).result).text).toBe(
      'Hello from the fake server.',
    );
  });

  it('an unreachable server is a retryable connection failure', async () => {
    const ai = engineWith({ openai: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: null }, maxRetries: 1 });
    const err = await ai.embed(['x']).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ai.unavailable', extra: { aiErrorCode: 'connection_failed' } });
  });
});
