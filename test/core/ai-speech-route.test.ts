import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { defineProduct } from '../../src/core/product.js';
import { requireUser } from '../../src/core/identity/access.js';
import { errorResponses, Strict } from '../../src/core/http/schemas.js';
import { loadConfig } from '../../src/config.js';
import { mulawToPcm16, pcm16ToMulaw, pcm16ToWav, resamplePcm16, wavToPcm16 } from '../../src/core/ai/pcm.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

/** A product route that transcribes the WAV it is given (base64), to see transcription errors as a user does. */
const hearProduct = defineProduct({
  name: 'hearprobe',
  routes(root: FastifyInstance, core) {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/hear',
      {
        schema: {
          body: Strict({ wav: Type.String() }),
          response: { 200: Type.Object({ text: Type.String() }), ...errorResponses(503) },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const heard = await core.ai.transcribe(Buffer.from(request.body.wav, 'base64'), 'audio/wav', { userId: user.id });
        return { text: heard.text };
      },
    );
  },
});

let t: TestApp;
let down: TestApp;
beforeAll(async () => {
  const ai = loadConfig().ai;
  t = await createTestApp({ config: { ai: { ...ai, offlineRecognizer: 'own-speech' } }, deps: { products: [hearProduct] } });
  down = await createTestApp({
    config: {
      ai: {
        ...ai,
        providers: { ...ai.providers, speak: 'openai' },
        endpoints: { ...ai.endpoints, speak: { baseUrl: 'http://127.0.0.1:9/v1' } },
        maxRetries: 0,
      },
    },
  });
});
afterAll(async () => {
  await t?.close();
  await down?.close();
});

/** The way a telephone line carries audio: 8 kHz, μ-law; then back to 16 kHz as a voice route reads it. */
function overThePhone(pcm: Buffer, rate: number): Buffer {
  const narrow = resamplePcm16(pcm, rate, 8000);
  return resamplePcm16(mulawToPcm16(pcm16ToMulaw(narrow)), 8000, 16000);
}

describe('POST /v1/ai/speech', () => {
  it('answers a WAV of the offline speech that the offline recognizer reads back, even over a phone line', async () => {
    const u = await signUp(t.app);
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/ai/speech',
      headers: u.auth,
      payload: { text: 'I would like to book a table for two people tonight.' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['x-ai-provider']).toBe('offline');
    const wav = wavToPcm16(res.rawPayload)!;
    expect(wav.sampleRate).toBe(22050);
    expect(Number(res.headers['x-audio-duration-seconds'])).toBeGreaterThan(1.5);
    // Streamed back as user speech (no WAV INFO on a raw stream): the recognizer knows its own voice.
    const stream = t.app.core.ai.transcribeStream({ sampleRate: 16000, userId: u.user.id });
    const audio = overThePhone(wav.pcm, wav.sampleRate);
    for (let at = 0; at < audio.length; at += 640) stream.write(audio.subarray(at, at + 640));
    const heard = await stream.finish();
    expect(heard.text).toBe('I would like to book a table for two people tonight.');
    expect(heard.model).toBe('offline-own-speech');
  });

  it('requires a user, and names the field of a bad request', async () => {
    const anonymous = await t.app.inject({ method: 'POST', url: '/v1/ai/speech', payload: { text: 'hello' } });
    expect(anonymous.statusCode).toBe(401);
    const u = await signUp(t.app);
    for (const [payload, field] of [
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(4097) }, 'text'],
      [{ text: 'hello', format: 'mp3' }, 'format'],
      [{ text: 'hello', voice: 'en us; rm -rf' }, 'voice'],
      [{ words: 'hello' }, 'text'],
    ] as const) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/ai/speech', headers: u.auth, payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('a missing or failing engine answers 503 saying why, without internals', async () => {
    const u = await signUp(down.app);
    const res = await down.app.inject({ method: 'POST', url: '/v1/ai/speech', headers: u.auth, payload: { text: 'hello' } });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body).toMatchObject({ status: 503, detail: 'the speak engine is unavailable', aiErrorCode: 'connection_failed' });
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|at .*\.ts/);

    // Audio the offline engine did not make: the detail says how to configure a real recognizer.
    const v = await signUp(t.app);
    const noise = Buffer.alloc(32000);
    for (let i = 0; i < noise.length; i += 2) noise.writeInt16LE(Math.round((Math.random() * 2 - 1) * 6000), i);
    const hear = await t.app.inject({
      method: 'POST',
      url: '/v1/hearprobe/hear',
      headers: v.auth,
      payload: { wav: pcm16ToWav(noise, 16000).toString('base64') },
    });
    expect(hear.statusCode).toBe(503);
    expect(hear.json()).toMatchObject({ type: 'urn:talkbase:problem:ai.transcription_unavailable', status: 503 });
    expect(hear.json().detail).toMatch(/install pocketsphinx.*pocketsphinx-en-us.*AI_TRANSCRIBE_PROVIDER=openai.*AI_TRANSCRIBE_BASE_URL/);
  });
});
