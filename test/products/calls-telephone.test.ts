/** Telephone calls: a scripted Twilio Media Streams peer reaches a persona through a signed, expiring link. */
import { describe, expect, it } from 'vitest';
import { clock, ctx, inject, newCall, trainedPersona, useCallsApp, waitFor, type Auth } from './calls-setup.js';
import { signUp } from '../support/test-app.js';
import { silence, speechPcm } from '../support/voice-client.js';
import { MULAW_FRAME_BYTES, TwilioStreamClient } from '../support/twilio-client.js';

// Logs on (to the system log only): a refused stream must say why.
useCallsApp({ deps: { logger: {} } });

async function activeCall(u: Auth, personaId?: string) {
  const persona = personaId ?? (await trainedPersona(u)).id;
  const call = await newCall(u, persona);
  for (const step of ['dial', 'answer']) {
    const res = await inject('POST', `/sessions/${call.id}/${step}`, u);
    expect(res.statusCode, res.body).toBe(200);
  }
  return { personaId: persona, call };
}

const linkFor = (u: Auth, id: string, product = 'calls') =>
  ctx.t.app.inject({ method: 'POST', url: '/v1/voice/telephone-links', headers: u.auth, payload: { product, id } });

async function parameterFor(u: Auth, id: string): Promise<string> {
  const res = await linkFor(u, id);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { parameter: string }).parameter;
}

const turnsOf = (sessionId: string) =>
  ctx.t.database.query<{ seq: number; speaker: string; text: string; interrupted: boolean }>(
    'SELECT seq, speaker, text, interrupted FROM calls.call_turns WHERE call_session_id = $1 ORDER BY seq',
    [sessionId],
  );

const refusals = (streamSid: string) =>
  ctx.t.database.query<{ message: string; context: Record<string, unknown> }>(
    "SELECT message, context FROM core.system_logs WHERE message LIKE 'telephone stream refused%' AND context->>'streamSid' = $1",
    [streamSid],
  );

/** Warnings the stream logged (audio too fast, a turn's error): shown when a turn goes wrong. */
const telephoneWarnings = async () =>
  (await ctx.t.database.query<{ message: string }>("SELECT message FROM core.system_logs WHERE message LIKE 'telephone%'")).map(
    (r) => r.message,
  );

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** A refused stream: closed at its start with `code`, one log line giving `reason`, and no turn stored on the call. */
async function expectRefused(customParameters: Record<string, string>, callId: string, code: number, reason: string) {
  const phone = await TwilioStreamClient.connect(ctx.baseUrl, customParameters);
  const media = phone.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, 'Hello, is anybody there?'), silence(800)]));
  expect((await phone.closed).code).toBe(code);
  await media;
  const logged = await waitFor(
    () => refusals(phone.streamSid),
    (rows) => rows.length > 0,
  );
  expect(logged).toHaveLength(1);
  expect(logged[0]!.context.reason).toBe(reason);
  expect(phone.messages()).toEqual([]);
  expect(await turnsOf(callId)).toEqual([]);
  return logged[0]!;
}

describe('telephone calls (Twilio Media Streams)', () => {
  it('issues a link only for an open conversation of yours, with TwiML that carries it', async () => {
    const u = await signUp(ctx.t.app, 'phone-link@example.com');
    const other = await signUp(ctx.t.app, 'phone-link-other@example.com');
    const { call } = await activeCall(u);

    const res = await linkFor(u, call.id);
    expect(res.statusCode, res.body).toBe(200);
    const link = res.json() as { streamUrl: string; parameter: string; expiresAt: string; twiml: string };
    expect(link.streamUrl).toBe(`${ctx.baseUrl.replace(/^http/, 'ws')}/v1/voice/twilio`);
    expect(new Date(link.expiresAt).getTime()).toBe(
      Math.floor(clock.now().getTime() / 1000) * 1000 + ctx.t.app.core.config.voice.telephoneLinkSeconds * 1000,
    );
    expect(link.twiml).toContain(`<Stream url="${link.streamUrl}">`);
    expect(link.twiml).toContain(`<Parameter name="talkbase" value="${link.parameter}"/>`);
    expect(link.twiml).toMatch(/<Response>\s*<Connect>/);

    expect((await linkFor(other, call.id)).json()).toMatchObject({ status: 404, type: 'urn:talkbase:problem:calls.call_not_found' });
    expect((await linkFor(u, call.id, 'chat')).statusCode).toBe(400);
    expect(
      (await ctx.t.app.inject({ method: 'POST', url: '/v1/voice/telephone-links', payload: { product: 'calls', id: call.id } })).statusCode,
    ).toBe(401);
    const hangup = await inject('POST', `/sessions/${call.id}/hangup`, u);
    expect(hangup.statusCode, hangup.body).toBe(200);
    expect((await linkFor(u, call.id)).json()).toMatchObject({ status: 409, type: 'urn:talkbase:problem:calls.call_not_active' });
  });

  it('completes a spoken turn: μ-law speech in, the persona’s reply back as 20 ms μ-law media and a mark, both turns stored', async () => {
    const u = await signUp(ctx.t.app, 'phone-turn@example.com');
    const { call } = await activeCall(u);
    const phone = await TwilioStreamClient.connect(ctx.baseUrl, { talkbase: await parameterFor(u, call.id) });
    const sentence = 'Hello grandma, it is me calling from the train.';
    await phone.stream(Buffer.concat([await speechPcm(ctx.t.app.core.ai, sentence), silence(900)]));

    const first = await phone.next((m) => m.event === 'media', 30_000);
    const mark = await phone.next((m) => m.event === 'mark', 60_000, first.index);
    const media = phone.received.slice(first.index, mark.index).map((r) => r);
    expect(media.length).toBeGreaterThan(10);
    for (const { msg } of media) {
      expect(msg.event).toBe('media');
      expect(msg.streamSid).toBe(phone.streamSid);
      expect(msg.media.payload).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(Buffer.from(msg.media.payload, 'base64')).toHaveLength(MULAW_FRAME_BYTES);
    }
    // Paced at real time: the messages take about as long to arrive as the audio lasts.
    expect(media.at(-1)!.at - media[0]!.at).toBeGreaterThan((media.length - 1) * 20 * 0.8);
    expect(mark.msg).toMatchObject({ streamSid: phone.streamSid, mark: { name: expect.any(String) } });
    expect(mark.msg.mark.name.length).toBeGreaterThan(0);
    expect(phone.messages('clear')).toEqual([]);

    const stored = await waitFor(
      () => turnsOf(call.id),
      (rows) => rows.length === 2,
    );
    expect(stored.map((t) => t.speaker)).toEqual(['user', 'persona']);
    expect(words(stored[0]!.text), JSON.stringify(await telephoneWarnings())).toEqual(words(sentence));
    expect(stored[1]!.text.length).toBeGreaterThan(0);
    expect(stored[1]!.interrupted).toBe(false);

    phone.stop();
    expect((await phone.closed).code).toBe(1000);
  });

  it('barge-in: speaking over the reply gets a clear, no more of that audio, and the reply stored as interrupted (media of uneven sizes)', async () => {
    const u = await signUp(ctx.t.app, 'phone-barge@example.com');
    const { call } = await activeCall(u);
    const ai = ctx.t.app.core.ai;
    const phone = await TwilioStreamClient.connect(ctx.baseUrl, { talkbase: await parameterFor(u, call.id) });
    // Payloads of 10 and 30 ms: the server cuts its 20 ms frames across messages.
    const asked = 'Tell me a long story about your garden and the summer we spent there.';
    await phone.stream(Buffer.concat([await speechPcm(ai, asked), silence(800)]), [80, 240]);
    await phone.next((m) => m.event === 'media', 30_000);
    await new Promise((r) => setTimeout(r, 600)); // some of the reply is heard
    const interruption = phone.stream(await speechPcm(ai, 'Wait, stop please.'));
    const clear = await phone.next((m) => m.event === 'clear', 5_000);
    await interruption;
    expect(clear.msg).toEqual({ event: 'clear', streamSid: phone.streamSid });
    // At the onset of speech, not its end: 75 to 110 ms on a quiet machine (60 ms of speech starts a turn). The bound
    // leaves room for a test machine whose scheduler stalls the process, and is still far below the end of the utterance.
    expect(clear.at - phone.speechSentAt.at(-1)!).toBeLessThan(400);
    // The interrupted reply sends nothing more, and never its mark.
    await new Promise((r) => setTimeout(r, 300));
    expect(phone.received.slice(clear.index + 1).filter((r) => r.msg.event === 'media')).toEqual([]);
    expect(phone.messages('mark')).toEqual([]);

    const persona = await waitFor(
      async () => (await turnsOf(call.id)).find((t) => t.speaker === 'persona'),
      (t) => t !== undefined,
    );
    expect(persona!.interrupted).toBe(true);
    const user = (await turnsOf(call.id)).find((t) => t.speaker === 'user')!;
    expect(words(user.text), JSON.stringify(await telephoneWarnings())).toEqual(words(asked));
    phone.close();
  });

  it('refuses a missing, malformed, forged or altered parameter, and one for a call that is not open: closed, logged, nothing stored', async () => {
    const u = await signUp(ctx.t.app, 'phone-forged@example.com');
    const { personaId, call } = await activeCall(u);
    const parameter = await parameterFor(u, call.id);
    const [version, body, mac] = parameter.split('.') as [string, string, string];

    await expectRefused({}, call.id, 4401, 'link_missing');
    await expectRefused({ talkbase: 'not-a-link' }, call.id, 4401, 'link_malformed');
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === 'A' ? 'B' : 'A'}${mac.at(-1)}`;
    const forged = await expectRefused({ talkbase: `${version}.${body}.${flipped}` }, call.id, 4401, 'link_forged');
    expect(forged.message).toMatch(/signature does not match/);

    // The signed body edited to name another conversation of the same user keeps the old signature: refused.
    const hangup = await inject('POST', `/sessions/${call.id}/hangup`, u);
    expect(hangup.statusCode, hangup.body).toBe(200);
    const { call: second } = await activeCall(u, personaId);
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const edited = Buffer.from(JSON.stringify({ ...claims, i: second.id })).toString('base64url');
    await expectRefused({ talkbase: `${version}.${edited}.${mac}` }, second.id, 4401, 'link_forged');

    // A genuine link to a call that has since ended.
    const ended = await expectRefused({ talkbase: parameter }, call.id, 4409, 'calls.call_not_active');
    expect(ended.message).toMatch(/ACTIVE/);
    expect(await turnsOf(second.id)).toEqual([]);
  });

  it('refuses an expired parameter (kept last: it moves the clock)', async () => {
    const u = await signUp(ctx.t.app, 'phone-expired@example.com');
    const { call } = await activeCall(u);
    const parameter = await parameterFor(u, call.id);
    clock.advance(ctx.t.app.core.config.voice.telephoneLinkSeconds * 1000 + 1000);
    const expired = await expectRefused({ talkbase: parameter }, call.id, 4401, 'link_expired');
    expect(expired.message).toMatch(/expired at .*POST \/v1\/voice\/telephone-links/);
  });
});
