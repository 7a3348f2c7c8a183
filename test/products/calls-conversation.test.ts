import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { AppError } from '../../src/core/http/errors.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { toneWav } from '../../src/products/calls/seed.js';
import { TestSocket } from '../support/realtime-client.js';
import { createTestApp, signUp } from '../support/test-app.js';
import { DEMO_EMAIL, demoAccounts } from '../../src/core/seed.js';
import { ctx, freePort, inject, newCall, newPersona, trainedPersona, useCallsApp, waitFor } from './calls-setup.js';

useCallsApp();

describe('conversation', () => {
  it('the persona answers with its memo and the history; turns stream on call:<id> with latencies and audio', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const c = await newCall(u, p.id);
    const socket = await TestSocket.connect(`${ctx.baseUrl.replace('http', 'ws')}/v1/realtime`, u.tokens.accessToken);
    try {
      socket.send({ type: 'subscribe', channel: `call:${c.id}` });
      await socket.next((m) => m.type === 'subscribed');
      const early = await inject('POST', `/sessions/${c.id}/turns`, u, { text: 'hello?' });
      expect(early.statusCode).toBe(409);
      await inject('POST', `/sessions/${c.id}/dial`, u);
      await inject('POST', `/sessions/${c.id}/answer`, u);
      const res = await inject('POST', `/sessions/${c.id}/turns`, u, { text: 'Grandma, I planted tomatoes like you did.' });
      expect(res.statusCode, res.body).toBe(201);
      const { userTurn, personaTurn } = res.json();
      expect(userTurn).toMatchObject({ seq: 1, speaker: 'user' });
      expect(personaTurn).toMatchObject({ seq: 2, speaker: 'persona', audioError: null, audioFileId: expect.any(String) });
      expect(personaTurn.text.length).toBeGreaterThan(0);
      expect(personaTurn.latency.modelMs).toBeGreaterThanOrEqual(0);
      expect(personaTurn.latency.ttsMs).toBeGreaterThanOrEqual(0);
      const streamed = await socket.next((m) => m.type === 'event' && m.event === 'turn.created' && m.data.speaker === 'persona');
      expect(streamed.data).toMatchObject({ id: personaTurn.id, latency: personaTurn.latency });
      const audio = await ctx.t.app.inject({ url: `/v1/files/${personaTurn.audioFileId}/content`, headers: u.auth });
      expect(audio.statusCode).toBe(200);
      expect(audio.rawPayload.subarray(0, 4).toString()).toBe('RIFF');

      // The engine saw the memo and the conversation so far.
      const [call] = await ctx.t.database.query<{ prompt_version: string }>(
        `SELECT prompt_version FROM core.ai_calls WHERE capability = 'chat' AND user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [u.user.id],
      );
      expect(call!.prompt_version).toBe('calls.persona-reply@1');

      // A spoken clip is transcribed (offline speech carries its text) and answered.
      const clip = await ctx.t.app.core.ai.speak('Do you remember the summer by the sea?', { format: 'wav' });
      const spoken = await ctx.t.app.inject({
        method: 'POST',
        url: `/v1/calls/sessions/${c.id}/turns/audio`,
        headers: { ...u.auth, 'content-type': 'audio/wav' },
        payload: clip.audio,
      });
      expect(spoken.statusCode, spoken.body).toBe(201);
      expect(spoken.json().userTurn).toMatchObject({
        seq: 3,
        text: 'Do you remember the summer by the sea?',
        audioFileId: expect.any(String),
      });
      expect(spoken.json().userTurn.latency.sttMs).toBeGreaterThanOrEqual(0);
      const turns = (await inject('GET', `/sessions/${c.id}/turns`, u)).json();
      expect(turns.map((x: { seq: number; speaker: string }) => `${x.seq}:${x.speaker}`)).toEqual([
        '1:user',
        '2:persona',
        '3:user',
        '4:persona',
      ]);
      await inject('POST', `/sessions/${c.id}/hangup`, u);
      expect((await inject('POST', `/sessions/${c.id}/turns`, u, { text: 'still there?' })).statusCode).toBe(409);
    } finally {
      socket.ws.close();
    }
  });

  it('a stranger cannot follow call:<id>', async () => {
    const u = await signUp(ctx.t.app);
    const other = await signUp(ctx.t.app);
    const p = await newPersona(u);
    const c = await newCall(u, p.id);
    const socket = await TestSocket.connect(`${ctx.baseUrl.replace('http', 'ws')}/v1/realtime`, other.tokens.accessToken);
    try {
      socket.send({ type: 'subscribe', channel: `call:${c.id}` });
      const answer = await socket.next((m) => m.type === 'subscribed' || m.type === 'error');
      expect(answer.type).toBe('error');
    } finally {
      socket.ws.close();
    }
  });
});

describe('speech unavailable', () => {
  it('answers without audio (the text turn is stored) when speech answers 503', async () => {
    const port = await freePort();
    const base = loadConfig();
    const mute = await createTestApp({
      config: {
        publicUrl: `http://127.0.0.1:${port}`,
        ai: { ...base.ai, providers: { ...base.ai.providers, voice: 'offline' }, offlineTrainingStepMs: 20 },
      },
      deps: {
        products: [callsProduct],
        jobs: { pollingSeconds: 0.5 },
        aiProviders: {
          speak: {
            name: 'offline',
            async speak() {
              throw new AppError('ai.speech_unavailable', 503, 'offline speech needs espeak-ng');
            },
          },
        },
      },
    });
    try {
      await mute.app.listen({ port, host: '127.0.0.1' });
      const u = await signUp(mute.app);
      const h = u.auth;
      const p = (
        await mute.app.inject({
          method: 'POST',
          url: '/v1/calls/personas',
          headers: h,
          payload: { name: 'Dad', phoneNumber: '+1 555 0199' },
        })
      ).json();
      await mute.app.inject({
        method: 'POST',
        url: `/v1/calls/personas/${p.id}/voice-files`,
        headers: { ...h, 'content-type': 'audio/wav' },
        payload: toneWav(0.1, 200),
      });
      await mute.app.inject({
        method: 'PUT',
        url: `/v1/calls/personas/${p.id}/consent`,
        headers: h,
        payload: { voiceOwner: 'Dad', statement: 'My own father; I keep his recordings.' },
      });
      await mute.app.inject({ method: 'POST', url: `/v1/calls/personas/${p.id}/training`, headers: h });
      await waitFor(
        async () =>
          (await mute.database.query<{ s: string }>('SELECT learning_status AS s FROM calls.personas WHERE id = $1', [p.id]))[0]!.s,
        (s) => s === 'COMPLETED',
      );
      const c = (await mute.app.inject({ method: 'POST', url: '/v1/calls/sessions', headers: h, payload: { personaId: p.id } })).json();
      await mute.app.inject({ method: 'POST', url: `/v1/calls/sessions/${c.id}/dial`, headers: h });
      expect((await mute.app.inject({ method: 'POST', url: `/v1/calls/sessions/${c.id}/answer`, headers: h })).statusCode).toBe(200);
      const res = await mute.app.inject({
        method: 'POST',
        url: `/v1/calls/sessions/${c.id}/turns`,
        headers: h,
        payload: { text: 'Hi Dad' },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().personaTurn).toMatchObject({ audioFileId: null, audioError: 'ai.speech_unavailable' });
      const rows = await mute.database.query<{ speaker: string; audio_file_id: string | null }>(
        'SELECT speaker, audio_file_id FROM calls.call_turns WHERE call_session_id = $1 ORDER BY seq',
        [c.id],
      );
      expect(rows).toEqual([
        { speaker: 'user', audio_file_id: null },
        { speaker: 'persona', audio_file_id: null },
      ]);
    } finally {
      await mute.close();
    }
  });
});

describe('account export and deletion', () => {
  it('exports personas decrypted with calls and logs; deleting the account removes every row and blob', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const c = await newCall(u, p.id);
    await inject('POST', `/sessions/${c.id}/dial`, u);
    await inject('POST', `/sessions/${c.id}/answer`, u);
    const turn = (await inject('POST', `/sessions/${c.id}/turns`, u, { text: 'hello' })).json();
    await inject('POST', `/sessions/${c.id}/hangup`, u);
    const exported = (await ctx.t.app.inject({ url: '/v1/me/export', headers: u.auth })).json().products.calls;
    expect(exported.personas[0]).toMatchObject({
      id: p.id,
      name: 'Grandma Rose',
      phoneNumber: expect.stringMatching(/^\+82/),
      voiceFiles: [expect.any(Object)],
      consent: { voiceOwner: 'Rose Kim' },
    });
    expect(exported.calls[0]).toMatchObject({ id: c.id, status: 'ENDED', turns: [expect.any(Object), expect.any(Object)] });
    expect(exported.logs[0]).toMatchObject({ callSessionId: c.id });
    expect(exported.settings).toMatchObject({ callTimeoutSeconds: 300 });

    const keys = (await ctx.t.database.query<{ blob_key: string }>('SELECT blob_key FROM core.files WHERE owner_id = $1', [u.user.id])).map(
      (r) => r.blob_key,
    );
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(turn.personaTurn.audioFileId).toBeTruthy();
    const del = await ctx.t.app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(del.statusCode).toBe(204);
    for (const table of ['personas', 'voice_data', 'call_sessions', 'call_logs', 'call_turns', 'user_settings', 'voice_consents']) {
      const col = table === 'voice_data' || table === 'call_turns' ? 'persona_id' : table === 'voice_consents' ? 'persona_id' : 'user_id';
      const value = col === 'persona_id' ? p.id : u.user.id;
      expect(await ctx.t.database.query(`SELECT 1 FROM calls.${table} WHERE ${col} = $1`, [value]), table).toHaveLength(0);
    }
    await waitFor(
      async () => (await Promise.all(keys.map((k) => ctx.t.app.core.blobs.exists(k)))).some(Boolean),
      (anyLeft) => !anyLeft,
    );
    for (const k of keys) expect(await ctx.t.app.core.blobs.exists(k)).toBe(false);
  });

  it('lists every calls route in the OpenAPI document', async () => {
    const doc = (await ctx.t.app.inject({ url: '/openapi.json' })).json();
    for (const route of [
      '/v1/calls/personas',
      '/v1/calls/personas/{id}/training',
      '/v1/calls/sessions/{id}/answer',
      '/v1/calls/sessions/{id}/turns',
      '/v1/calls/logs',
    ]) {
      expect(doc.paths[route], route).toBeDefined();
    }
  });
});

describe('demo seed', () => {
  it('gives the demo account personas, voice files, a trained voice and a few calls; a second run changes nothing', async () => {
    const core = ctx.t.app.core;
    const demo = demoAccounts(core);
    const userId = await demo.account({ email: DEMO_EMAIL, fullName: 'Demo User' });
    const messages: string[] = [];
    await callsProduct.seed!(core.forProducts, (m) => messages.push(m), demo);
    await callsProduct.seed!(core.forProducts, (m) => messages.push(m), demo);
    expect(messages.at(-1)).toBe('demo personas exist');
    const personas = await ctx.t.database.query<{ id: string; learning_status: string }>(
      'SELECT id, learning_status FROM calls.personas WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );
    expect(personas.map((p) => p.learning_status)).toEqual(['COMPLETED', 'NOT_STARTED']);
    const count = async (sql: string) => (await ctx.t.database.query<{ n: number }>(sql, [userId]))[0]!.n;
    expect(
      await count('SELECT count(*)::int AS n FROM calls.voice_data v JOIN calls.personas p ON p.id = v.persona_id WHERE p.user_id = $1'),
    ).toBe(2);
    expect(await count('SELECT count(*)::int AS n FROM calls.call_logs WHERE user_id = $1')).toBe(2);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM calls.call_turns t JOIN calls.call_sessions s ON s.id = t.call_session_id WHERE s.user_id = $1 AND t.speaker = 'persona'`,
      ),
    ).toBe(3);
  });
});
