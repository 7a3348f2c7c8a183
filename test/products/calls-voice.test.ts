/** Live voice on a call: spoken turns in, the persona's reply streamed back, barge-in, and every bad input refused. */
import { describe, expect, it } from 'vitest';
import { ctx, inject, newCall, trainedPersona, useCallsApp, type Auth } from './calls-setup.js';
import { signUp } from '../support/test-app.js';
import { FRAME_BYTES, silence, speechPcm, VoiceClient } from '../support/voice-client.js';

useCallsApp();

async function activeCall(u: Auth) {
  const persona = await trainedPersona(u);
  const call = await newCall(u, persona.id);
  for (const step of ['dial', 'answer']) {
    const res = await inject('POST', `/sessions/${call.id}/${step}`, u);
    expect(res.statusCode, res.body).toBe(200);
  }
  return { persona, call };
}

const turnsOf = (sessionId: string) =>
  ctx.t.database.query<{ seq: number; speaker: string; text: string; interrupted: boolean; latency: any }>(
    'SELECT seq, speaker, text, interrupted, latency FROM calls.call_turns WHERE call_session_id = $1 ORDER BY seq',
    [sessionId],
  );

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

describe('live voice on a call', () => {
  it('holds a two-turn spoken call: captions, the reply streamed as paced audio, turns stored with their latency', async () => {
    const u = await signUp(ctx.t.app, 'voice-two@example.com');
    const { call } = await activeCall(u);
    const v = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    const said = ['Hello grandma, how are you today?', 'I miss your tomato soup very much.'];
    for (const [i, sentence] of said.entries()) {
      const from = v.events.length;
      await v.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, sentence), silence(900)]));
      const final = await v.next((m) => m.type === 'transcript.final', 20_000, from);
      expect(words(final.text)).toEqual(words(sentence));
      const start = await v.nextTimed((m) => m.type === 'audio.start' && m.turnId === final.turnId, 20_000, from);
      const end = await v.nextTimed((m) => m.type === 'audio.end' && m.turnId === final.turnId, 60_000, from);
      const metrics = await v.next((m) => m.type === 'metrics' && m.turnId === final.turnId, 20_000, from);
      const frames = v.frames.filter((f) => f.turnId === final.turnId);
      expect(frames.length).toBeGreaterThan(10);
      expect(frames.every((f) => f.bytes === 960)).toBe(true); // 20 ms at 24 kHz
      // Paced at real time: the frames take about as long to arrive as they last.
      const lasted = frames.length * 20;
      expect(end.at - start.at).toBeGreaterThan(lasted * 0.8);
      expect(metrics.latency.totalMs).toBeGreaterThanOrEqual(0);
      console.log(`turn ${i + 1} latency: ${JSON.stringify(metrics.latency)}`);
      expect(metrics.interrupted).toBe(false);
      const reply = v.messages('reply.done').find((m) => m.turnId === final.turnId)!;
      const stored = await turnsOf(call.id);
      expect(stored.length).toBe(2 * (i + 1));
      const [user, persona] = stored.slice(-2);
      expect(user!.speaker).toBe('user');
      expect(words(user!.text)).toEqual(words(sentence));
      expect(persona!.speaker).toBe('persona');
      expect(persona!.text).toBe(reply.text);
      expect(persona!.interrupted).toBe(false);
      expect(persona!.latency.totalMs).toBe(metrics.latency.totalMs);
    }
    const partials = v.messages('transcript.partial');
    expect(partials.length).toBeGreaterThan(0);
    // The turns read back through the API carry the stages too.
    const listed = await inject('GET', `/sessions/${call.id}/turns`, u);
    const items = (listed.json() as { items?: any[] }).items ?? (listed.json() as any[]);
    expect(items.at(-1).stages.totalMs).toBeGreaterThanOrEqual(0);
    v.close();
  });

  it('barge-in: speech during the reply interrupts it within 150 ms, no more of its audio, stored as interrupted', async () => {
    const u = await signUp(ctx.t.app, 'voice-barge@example.com');
    const { call } = await activeCall(u);
    const v = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    const ai = ctx.t.app.core.ai;
    await v.stream(
      Buffer.concat([await speechPcm(ai, 'Tell me a long story about your garden and the summer we spent there.'), silence(800)]),
    );
    const final = await v.next((m) => m.type === 'transcript.final');
    await v.next((m) => m.type === 'audio.start' && m.turnId === final.turnId, 20_000);
    await new Promise((r) => setTimeout(r, 600)); // some of the reply is heard
    const interruption = v.stream(await speechPcm(ai, 'Wait, stop please.'));
    const cut = await v.nextTimed((m) => m.type === 'interrupted' && m.turnId === final.turnId, 5_000);
    await interruption;
    const spokeAt = v.speechSentAt.at(-1)!;
    console.log(`barge-in: interrupted ${Math.round(cut.at - spokeAt)} ms after the speech started; heard "${cut.msg.spokenText}"`);
    expect(cut.at - spokeAt).toBeLessThan(150);
    const framesAfter = v.frames.filter((f) => f.at > cut.at && f.turnId === final.turnId);
    await new Promise((r) => setTimeout(r, 300));
    expect(v.frames.filter((f) => f.at > cut.at && f.turnId === final.turnId).length).toBe(framesAfter.length);
    expect(framesAfter.length).toBe(0);
    expect(v.messages('audio.end').some((m) => m.turnId === final.turnId)).toBe(false);
    const stored = await turnsOf(call.id);
    const persona = stored.find((t) => t.speaker === 'persona')!;
    expect(persona.interrupted).toBe(true);
    expect(persona.text).toBe(cut.msg.spokenText);
    const generated = v
      .messages('reply.delta')
      .filter((m) => m.turnId === final.turnId)
      .map((m) => m.text)
      .join('');
    expect(generated.trim().startsWith(persona.text)).toBe(true);
    expect(persona.text.length).toBeLessThan(generated.trim().length);
    v.close();
  });

  it('a turn spoken after the call ended elsewhere is refused: an error, no reply heard, nothing stored, closed', async () => {
    const u = await signUp(ctx.t.app, 'voice-hungup@example.com');
    const { call } = await activeCall(u);
    const v = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    // The reply is written and synthesized while the user's turn is stored; here the store refuses.
    const hangup = await inject('POST', `/sessions/${call.id}/hangup`, u);
    expect(hangup.statusCode, hangup.body).toBe(200);
    await v.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, 'Are you still there, grandma?'), silence(900)]));
    const final = await v.next((m) => m.type === 'transcript.final', 20_000);
    const refused = await v.next((m) => m.type === 'error' && m.turnId === final.turnId, 20_000);
    expect(refused.code).toBe('calls.call_not_active');
    expect((await v.closed).code).toBe(4409);
    expect(v.messages('reply.delta')).toEqual([]);
    expect(v.messages('audio.start')).toEqual([]);
    expect(v.frames).toEqual([]);
    expect(await turnsOf(call.id)).toEqual([]);
  });

  it('a second connection to the same call takes it over; the first is told and closed', async () => {
    const u = await signUp(ctx.t.app, 'voice-second@example.com');
    const { call } = await activeCall(u);
    const first = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    const second = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    const end = await first.next((m) => m.type === 'end');
    expect(end.reason).toBe('replaced');
    expect((await first.closed).code).toBe(4409);
    await second.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, 'Are you still there?'), silence(800)]));
    expect(words((await second.next((m) => m.type === 'transcript.final')).text)).toEqual(words('Are you still there?'));
    second.close();
  });

  it('refuses bad input with an error event and a code, stores nothing, and keeps serving', async () => {
    const u = await signUp(ctx.t.app, 'voice-bad@example.com');
    const other = await signUp(ctx.t.app, 'voice-other@example.com');
    const { call } = await activeCall(u);

    // Audio before start.
    const early = await VoiceClient.open(ctx.baseUrl);
    early.sendBinary(Buffer.alloc(FRAME_BYTES));
    expect((await early.next((m) => m.type === 'error')).code).toBe('voice.not_started');
    early.close();

    // A conversation of another user is not found; an unknown product and a malformed start are refused.
    for (const [token, extra, code, close] of [
      [other.tokens.accessToken, {}, 'calls.call_not_found', 4404],
      [u.tokens.accessToken, { product: 'chat' }, 'voice.unknown_product', 4400],
      [
        u.tokens.accessToken,
        { audio: { encoding: 'pcm16', inputSampleRate: 44100, outputSampleRate: 24000, frameMs: 20 } },
        'voice.invalid_start',
        4400,
      ],
      ['not-a-token', {}, 'auth.invalid_token', 4401],
    ] as const) {
      const c = await VoiceClient.open(ctx.baseUrl);
      c.send({
        type: 'start',
        token,
        product: 'calls',
        id: call.id,
        audio: { encoding: 'pcm16', inputSampleRate: 16000, outputSampleRate: 24000, frameMs: 20 },
        ...extra,
      });
      const err = await c.next((m) => m.type === 'error');
      expect(err.code).toBe(code);
      expect((await c.closed).code).toBe(close);
    }

    const v = await VoiceClient.start(ctx.baseUrl, u.tokens.accessToken, 'calls', call.id);
    // Wrong frame size, and a file where raw PCM belongs.
    v.sendBinary(Buffer.alloc(100));
    expect((await v.next((m) => m.type === 'error')).code).toBe('voice.bad_frame_size');
    const wav = (await ctx.t.app.core.ai.speak('hello', { format: 'wav' })).audio.subarray(0, FRAME_BYTES);
    v.sendBinary(Buffer.from(wav));
    expect((await v.next((m) => m.type === 'error' && m.code !== 'voice.bad_frame_size')).code).toBe('voice.not_pcm');
    // Ten times real time: refused, and the speech it carried is not turned into a turn.
    await v.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, 'This arrives far too fast to be real speech.'), silence(1000)]), 10);
    expect(v.messages('error').some((m) => m.code === 'voice.too_fast')).toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await turnsOf(call.id)).toEqual([]);
    v.close();

    // An ended call.
    const ended = await inject('POST', `/sessions/${call.id}/hangup`, u);
    expect(ended.statusCode, ended.body).toBe(200);
    const late = await VoiceClient.open(ctx.baseUrl);
    late.send({
      type: 'start',
      token: u.tokens.accessToken,
      product: 'calls',
      id: call.id,
      audio: { encoding: 'pcm16', inputSampleRate: 16000, outputSampleRate: 24000, frameMs: 20 },
    });
    expect((await late.next((m) => m.type === 'error')).code).toBe('calls.call_not_active');
    expect((await late.closed).code).toBe(4409);
    expect(await turnsOf(call.id)).toEqual([]);
    expect((await ctx.t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
