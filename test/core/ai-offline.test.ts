import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { defineProduct } from '../../src/core/product.js';
import { requireUser } from '../../src/core/identity/access.js';
import { errorResponses, Strict } from '../../src/core/http/schemas.js';
import { AppError } from '../../src/core/http/errors.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { embedText, cosineSimilarity } from '../../src/core/ai/providers/offline/embedding.js';
import { summarize } from '../../src/core/ai/providers/offline/summary.js';
import { analyzeEmotion, EMOTIONS } from '../../src/core/ai/providers/offline/emotion.js';
import { offlineSpeechAvailable } from '../../src/core/ai/providers/offline/speech.js';
import { createOfflineTranscription } from '../../src/core/ai/providers/offline/transcription.js';
import { pcm16ToWav } from '../../src/core/ai/pcm.js';
import { aiTaskRegistry, defineAiTask, emotionTask, summaryTask, titleTask } from '../../src/core/ai/tasks.js';
import { Ajv } from 'ajv';
import { loadConfig } from '../../src/config.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const clock = createManualClock('2026-03-10T12:00:00Z');

/** A product's own structured task: the offline provider answers it with the product's analyzer. */
const countWordsTask = defineAiTask<string>({
  name: 'aiprobe_word_count',
  version: 1,
  schema: {
    type: 'object',
    properties: { words: { type: 'integer', minimum: 0 }, longest: { type: 'string' } },
    required: ['words', 'longest'],
    additionalProperties: false,
  },
  instructions: 'Count the words of the text and give the longest one.',
  fields: (text) => ({ Text: text }),
  analyzeOffline: ({ text }) => {
    const words = text.split(/\s+/).filter(Boolean);
    return { words: words.length, longest: [...words].sort((a, b) => b.length - a.length)[0] ?? '' };
  },
});

/** A product route that stores nothing and answers through the chat engine, to see quota errors as a user does. */
const replyProduct = defineProduct({
  name: 'aiprobe',
  aiTasks: [countWordsTask],
  routes(root: FastifyInstance, core) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/reply',
      {
        schema: {
          body: Strict({ text: Type.String() }),
          response: { 200: Type.Object({ text: Type.String(), provider: Type.String() }), ...errorResponses(429, 503) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const r = await core.ai.chat({
          messages: [
            { role: 'system', content: 'You are Rose, a warm grandmother. Rose loves gardening and baking bread.' },
            { role: 'user', content: request.body.text },
          ],
          promptVersion: 'probe@1',
          userId: user.id,
        }).result;
        return { text: r.text, provider: r.provider };
      },
    );
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    config: { ai: { ...loadConfig().ai, quota: { tokensPerDay: 0, callsPerDay: 3 } } },
    deps: { clock, products: [replyProduct] },
  });
});
afterAll(async () => t?.close());

describe('offline analyzers', () => {
  it('embeddings: deterministic, L2-normalized, similar texts closer than unrelated ones', () => {
    const a = embedText('How do I change my mobile data plan?', 384);
    const b = embedText('I want to change my data plan', 384);
    const c = embedText('The cat sat on the warm windowsill all afternoon', 384);
    expect(a).toHaveLength(384);
    expect(embedText('How do I change my mobile data plan?', 384)).toEqual(a);
    expect(Math.abs(Math.hypot(...a) - 1)).toBeLessThan(1e-5);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(0.5);
    expect(cosineSimilarity(a, c)).toBeLessThan(0.2);
    expect(cosineSimilarity(a, b)).toBeGreaterThan(cosineSimilarity(a, c) + 0.3);
    expect(embedText('   ', 16).every((x) => x === 0)).toBe(true);
  });

  it('extractive summary keeps the central sentences in their order', () => {
    const text =
      'The customer called about a billing error on the March invoice. The weather was nice. The invoice charged roaming fees twice. ' +
      'The agent confirmed the double roaming charge on the invoice. The customer has a dog. A refund of the roaming fees was issued on the invoice.';
    const s = summarize(text, { maxSentences: 2 });
    expect(s.summary.split('. ').length).toBe(2);
    expect(s.summary).not.toContain('weather');
    expect(s.summary).not.toContain('dog');
    expect(s.keyPoints).toContain('invoice');
  });

  it('emotion: a fixed set, probabilities summing to 1, negation flips', () => {
    const happy = analyzeEmotion('I am so happy, this is wonderful news!');
    expect(happy.dominantEmotion).toBe('happy');
    expect(happy.sentiment.label).toBe('positive');
    expect(Object.keys(happy.emotionScores).sort()).toEqual([...EMOTIONS].sort());
    expect(Object.values(happy.emotionScores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    expect(analyzeEmotion('I miss her so much, I feel lonely').dominantEmotion).toBe('sad');
    expect(analyzeEmotion('This is unacceptable, the worst service, I am furious').dominantEmotion).toBe('angry');
    expect(analyzeEmotion('I am not happy with this').sentiment.label).toBe('negative');
    expect(analyzeEmotion('The meeting is at ten.').dominantEmotion).toBe('neutral');
  });
});

describe('the port with the offline provider', () => {
  it('chat streams a persona-voiced reply token by token and records the call', async () => {
    const u = await signUp(t.app);
    const stream = t.app.core.ai.chat({
      messages: [
        { role: 'system', content: 'You are Rose, a warm grandmother. Rose loves gardening and baking bread.' },
        { role: 'user', content: 'Do you remember baking bread with me?' },
      ],
      promptVersion: 'calls.reply@1',
      userId: u.user.id,
    });
    const deltas: string[] = [];
    for await (const d of stream) deltas.push(d);
    const result = await stream.result;
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe(result.text);
    expect(result.text).toMatch(/baking bread/i);
    expect(result.provider).toBe('offline');
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.promptTokens).toBeGreaterThan(10);
    const rows = await t.database.query<Record<string, unknown>>('SELECT * FROM core.ai_calls WHERE id = $1', [result.callId]);
    expect(rows[0]).toMatchObject({
      user_id: u.user.id,
      capability: 'chat',
      provider: 'offline',
      prompt_version: 'calls.reply@1',
      status: 'ok',
      prompt_tokens: result.usage.promptTokens,
      completion_tokens: result.usage.completionTokens,
    });
    // Deterministic: the same conversation gets the same reply.
    expect(
      (
        await t.app.core.ai.chat({
          messages: [
            { role: 'system', content: 'You are Rose, a warm grandmother. Rose loves gardening and baking bread.' },
            { role: 'user', content: 'Do you remember baking bread with me?' },
          ],
          promptVersion: 'x',
        }).result
      ).text,
    ).toBe(result.text);
  });

  it('every generic structured task answers schema-valid JSON through chat', async () => {
    const ajv = new Ajv({ strict: false });
    const tasks = [
      summaryTask(
        'The router keeps dropping the connection. The customer restarted it twice. The agent scheduled a technician visit for Monday.',
      ),
      emotionTask('I am thrilled and so happy with the new plan!'),
      titleTask('Help me plan a trip to Lisbon in May'),
    ];
    for (const task of tasks) {
      const r = await t.app.core.ai.chat(task).result;
      expect(ajv.validate(task.jsonSchema!.schema, r.json), `${task.jsonSchema!.name}: ${JSON.stringify(r.json)}`).toBe(true);
      expect(JSON.parse(r.text)).toEqual(r.json);
    }
    expect((await t.app.core.ai.chat(titleTask('help me plan a trip to Lisbon in May')).result).json).toEqual({
      title: 'Help me plan a trip to',
    });
  });

  it('a product’s own task is answered by its analyzer; two tasks with one name are refused', async () => {
    const r = await t.app.core.ai.chat(countWordsTask.request('the quick brown fox')).result;
    expect(r.json).toEqual({ words: 4, longest: 'quick' });
    expect(r.provider).toBe('offline');
    expect(countWordsTask.request('x').promptVersion).toBe('aiprobe_word_count@1');
    expect(() => aiTaskRegistry([countWordsTask, countWordsTask])).toThrow(/two AI tasks are named "aiprobe_word_count"/);
    expect(() => aiTaskRegistry([{ ...countWordsTask, name: 'summary' }])).toThrow(/"summary"/);
    expect(() => defineAiTask({ ...countWordsTask, name: 'Bad.Name', version: 1, instructions: '', fields: () => ({}) })).toThrow(
      /must match/,
    );
  });

  it('fits an unknown task to the caller’s schema', async () => {
    const schema = {
      type: 'object',
      properties: { reply: { type: 'string' }, mood: { type: 'string', enum: ['calm', 'tense'] }, count: { type: 'integer', minimum: 1 } },
      required: ['reply', 'mood', 'count'],
      additionalProperties: false,
    };
    const r = await t.app.core.ai.chat({
      messages: [{ role: 'user', content: 'Hello there' }],
      jsonSchema: { name: 'custom', schema },
      promptVersion: 'custom@1',
    }).result;
    expect(new Ajv({ strict: false }).validate(schema, r.json)).toBe(true);
  });

  it('a bad JSON schema is refused before any call', async () => {
    await expect(
      t.app.core.ai.chat({
        messages: [{ role: 'user', content: 'x' }],
        jsonSchema: { name: 'bad', schema: { type: 'nonsense' } },
        promptVersion: 'x',
      }).result,
    ).rejects.toMatchObject({ code: 'ai.invalid_schema', status: 400 });
  });

  it('a cancelled stream ends with what arrived and finishReason cancelled', async () => {
    const controller = new AbortController();
    const stream = t.app.core.ai.chat({
      messages: [{ role: 'user', content: 'Tell me a long story about the sea and the old lighthouse keeper and his dog' }],
      promptVersion: 'x',
      signal: controller.signal,
    });
    let n = 0;
    for await (const _ of stream) {
      if (++n === 2) controller.abort();
    }
    const r = await stream.result;
    expect(r.finishReason).toBe('cancelled');
    expect(r.text.length).toBeGreaterThan(0);
  });

  it('embed through the port: the stable shape the knowledge module uses', async () => {
    const r = await t.app.core.ai.embed(['refund for roaming charges', 'roaming charge refund'], { dimensions: 64 });
    expect(r).toMatchObject({ provider: 'offline', dimensions: 64, model: 'offline-hashed-ngrams-v1' });
    expect(r.vectors).toHaveLength(2);
    expect(r.vectors[0]).toHaveLength(64);
    expect(r.usage.promptTokens).toBe(7);
    expect(cosineSimilarity(r.vectors[0]!, r.vectors[1]!)).toBeGreaterThan(0.6);
    const def = await t.app.core.ai.embed(['x']);
    expect(def.vectors[0]).toHaveLength(384);
    await expect(t.app.core.ai.embed(['x'], { dimensions: 0 })).rejects.toMatchObject({ code: 'ai.invalid_request' });
  });

  it('speak and transcribe round-trip offline, or say clearly what is missing', async () => {
    if (!offlineSpeechAvailable()) {
      await expect(t.app.core.ai.speak('hello')).rejects.toMatchObject({ code: 'ai.speech_unavailable', status: 503 });
      return;
    }
    const spoken = await t.app.core.ai.speak('Good morning, how are you today?', { trainedVoiceId: 'offline-voice-abc' });
    expect(spoken.contentType).toBe('audio/wav');
    expect(spoken.audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(spoken.audio.readUInt32LE(4)).toBe(spoken.audio.length - 8);
    expect(spoken.durationSec).toBeGreaterThan(0.5);
    expect(spoken.provider).toBe('offline');
    const heard = await t.app.core.ai.transcribe(spoken.audio, 'audio/wav');
    expect(heard.text).toBe('Good morning, how are you today?');
    expect(heard.durationSec).toBeCloseTo(spoken.durationSec, 2);
    const rows = await t.database.query<{ characters: number; audio_seconds: number }>(
      'SELECT characters, audio_seconds FROM core.ai_calls WHERE id = $1',
      [spoken.callId],
    );
    expect(rows[0]!.characters).toBe(32);
    expect(rows[0]!.audio_seconds).toBeGreaterThan(0.5);
    // Without its INFO text, the clip is still recognized as the offline engine's own speech.
    const untagged = Buffer.from(spoken.audio);
    untagged.write('XXXX', untagged.indexOf('LIST'), 'ascii');
    const ownSpeech = createOfflineTranscription({ recognizer: 'own-speech' });
    const signal = new AbortController().signal;
    expect((await ownSpeech.transcribe(untagged, 'audio/wav', { signal })).text).toBe('Good morning, how are you today?');
    // Audio from elsewhere: the offline engine does not pretend to recognize it, and says how to get a real engine.
    const noise = Buffer.alloc(32000);
    for (let i = 0; i < noise.length; i += 2) noise.writeInt16LE(Math.round((Math.random() * 2 - 1) * 6000), i);
    await expect(ownSpeech.transcribe(pcm16ToWav(noise, 16000), 'audio/wav', { signal })).rejects.toMatchObject({
      code: 'ai.transcription_unavailable',
      status: 503,
      message: expect.stringMatching(/pocketsphinx-en-us.*AI_TRANSCRIBE_BASE_URL/),
    });
    await expect(t.app.core.ai.speak('hi', { format: 'mp3' })).rejects.toMatchObject({ code: 'ai.format_unsupported' });
  });

  it('a per-user daily quota answers 429 with Retry-After until midnight UTC, and resets the next day', async () => {
    const u = await signUp(t.app);
    for (let i = 0; i < 3; i++) {
      const ok = await t.app.inject({ method: 'POST', url: '/v1/aiprobe/reply', headers: u.auth, payload: { text: 'hello' } });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().provider).toBe('offline');
    }
    const refused = await t.app.inject({ method: 'POST', url: '/v1/aiprobe/reply', headers: u.auth, payload: { text: 'hello' } });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().type).toBe('urn:talkbase:problem:ai.quota_exceeded');
    expect(refused.headers['retry-after']).toBe(String(12 * 3600));
    const other = await signUp(t.app);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/aiprobe/reply', headers: other.auth, payload: { text: 'hi' } })).statusCode,
    ).toBe(200);
    const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.ai_calls WHERE user_id = $1', [u.user.id]);
    expect(rows[0]!.n).toBe(3);
    clock.advance(12 * 3600 * 1000);
    try {
      const login = await t.app.inject({ method: 'POST', url: '/v1/auth/login', payload: { email: u.email, password: u.password } });
      const auth = { authorization: `Bearer ${login.json().tokens.accessToken}` };
      expect((await t.app.inject({ method: 'POST', url: '/v1/aiprobe/reply', headers: auth, payload: { text: 'hello' } })).statusCode).toBe(
        200,
      );
    } finally {
      clock.set('2026-03-10T12:00:00Z');
    }
  });

  it('admin usage report by provider and model; forbidden to others', async () => {
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    await t.database.query(
      `INSERT INTO core.ai_calls (id, capability, provider, model, latency_ms, prompt_tokens, completion_tokens, status, created_at)
       VALUES (gen_random_uuid(), 'chat', 'openai', 'gpt-4o-mini', 120, 1000000, 500000, 'ok', $1), (gen_random_uuid(), 'chat', 'openai', 'gpt-4o-mini', 80, 0, 0, 'error', $1),
              (gen_random_uuid(), 'chat', 'openai', 'mystery-model', 80, 10, 10, 'ok', $1)`,
      [clock.now().toISOString()],
    );
    const res = await t.app.inject({ url: '/v1/admin/ai/usage', headers: admin.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const mini = body.rows.find((r: { model: string }) => r.model === 'gpt-4o-mini');
    expect(mini).toMatchObject({
      provider: 'openai',
      capability: 'chat',
      calls: 2,
      errors: 1,
      promptTokens: 1000000,
      completionTokens: 500000,
      estimatedCostUsd: 0.45,
      costKnown: true,
      averageLatencyMs: 100,
    });
    expect(body.rows.find((r: { model: string }) => r.model === 'mystery-model')).toMatchObject({ costKnown: false, estimatedCostUsd: 0 });
    const offline = body.rows.filter((r: { provider: string }) => r.provider === 'offline');
    expect(offline.length).toBeGreaterThan(0);
    expect(offline.every((r: { estimatedCostUsd: number }) => r.estimatedCostUsd === 0)).toBe(true);
    expect(body.totals.estimatedCostUsd).toBe(0.45);
    const user = await signUp(t.app);
    expect((await t.app.inject({ url: '/v1/admin/ai/usage', headers: user.auth })).statusCode).toBe(403);
    const past = await t.app.inject({ url: '/v1/admin/ai/usage?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z', headers: admin.auth });
    expect(past.json().rows).toEqual([]);
    expect(
      (await t.app.inject({ url: '/v1/admin/ai/usage?from=2021-01-01T00:00:00Z&to=2020-02-01T00:00:00Z', headers: admin.auth })).statusCode,
    ).toBe(400);
  });

  it('a call for an account erased meanwhile keeps its usage, unattributed', async () => {
    const r = await t.app.core.ai.embed(['x'], { userId: '01900000-0000-7000-8000-000000000000' });
    const rows = await t.database.query<{ user_id: string | null }>('SELECT user_id FROM core.ai_calls WHERE id = $1', [r.callId]);
    expect(rows).toEqual([{ user_id: null }]);
  });

  it('exports AI latency and token metrics', async () => {
    await t.app.core.ai.chat({ messages: [{ role: 'user', content: 'metrics please' }], promptVersion: 'm@1' }).result;
    const text = (await t.app.inject({ url: '/metrics' })).body;
    expect(text).toMatch(
      /talkbase_ai_call_duration_seconds_count\{provider="offline",model="offline-templates-v1",capability="chat"\} \d+/,
    );
    expect(text).toMatch(/talkbase_ai_tokens_total\{provider="offline",model="offline-templates-v1",kind="completion"\} \d+/);
  });

  it('publishes the engine contract: components in /openapi.json and a standalone document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    for (const name of ['AiEngineTrainingJob', 'AiEngineWebhookEvent', 'AiEngineCreateJobRequest', 'AiEngineUploadFileRequest'])
      expect(doc.components.schemas[name], name).toBeDefined();
    expect(doc.paths['/v1/webhooks/engine'].post).toBeDefined();
    expect(doc.paths['/v1/admin/ai/usage'].get).toBeDefined();
    const contract = (await t.app.inject({ url: '/v1/ai/engine-contract' })).json();
    expect(Object.keys(contract.paths).sort()).toEqual([
      '/v1/files',
      '/v1/speech',
      '/v1/training-jobs',
      '/v1/training-jobs/{jobId}',
      '/v1/training-jobs/{jobId}/cancel',
    ]);
    expect(contract.webhooks.trainingStatusChanged.post.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/AiEngineWebhookEvent',
    );
    expect(contract.components.schemas.AiEngineTrainingJob.properties.status.anyOf).toHaveLength(5);
  });

  it('AppError carries the quota’s retry time to callers that are not HTTP', async () => {
    const u = await signUp(t.app);
    for (let i = 0; i < 3; i++) await t.app.core.ai.embed(['x'], { userId: u.user.id });
    const err = await t.app.core.ai.embed(['x'], { userId: u.user.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).extra.retryAfterSeconds).toBe(12 * 3600);
  });
});
