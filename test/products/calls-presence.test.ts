/**
 * Calls stay honest: an ACTIVE call lives while a connection of its owner is on `call:<id>` (a realtime
 * subscription or a voice socket attached through realtime.attach); with none for the grace it ends as
 * connection_lost, and a reconnect inside the grace resumes it. Real server, real sockets, real clock, 2 s grace.
 */
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/time/clock.js';
import { TestSocket } from '../support/realtime-client.js';
import { signUp } from '../support/test-app.js';
import { ctx, inject, newCall, trainedPersona, useCallsApp, waitFor, type Auth } from './calls-setup.js';

const GRACE_S = 2;
useCallsApp({
  config: { productEnvironment: { CALLS_DISCONNECT_GRACE_SECONDS: String(GRACE_S) } },
  deps: { clock: systemClock, jobs: { pollingSeconds: 0.5, cronSeconds: 1 } },
});

const wsUrl = () => `${ctx.baseUrl.replace('http', 'ws')}/v1/realtime`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Call = { id: string; status: string; endedReason: string | null; startedAt: string | null; endedAt: string | null };

async function activeCall(u: Auth, personaId: string): Promise<Call> {
  const call = await newCall(u, personaId);
  expect((await inject('POST', `/sessions/${call.id}/dial`, u)).statusCode).toBe(200);
  const answered = await inject('POST', `/sessions/${call.id}/answer`, u);
  expect(answered.statusCode, answered.body).toBe(200);
  return answered.json() as Call;
}

const readCall = async (u: Auth, id: string) => (await inject('GET', `/sessions/${id}`, u)).json() as Call;
const ended = (u: Auth, id: string, timeoutMs = (GRACE_S + 8) * 1000) =>
  waitFor(
    () => readCall(u, id),
    (c) => c.status === 'ENDED',
    timeoutMs,
  );

async function follow(u: Auth, callId: string) {
  const socket = await TestSocket.connect(wsUrl(), u.tokens.accessToken);
  expect((await socket.subscribe(`call:${callId}`)).type).toBe('subscribed');
  return socket;
}

const sessionRow = async (id: string) =>
  (await ctx.t.database.query<Record<string, any>>('SELECT * FROM calls.call_sessions WHERE id = $1', [id]))[0]!;

describe('a call without its owner ends as connection_lost', () => {
  it('the owner’s only tab closes: the call ends after the grace, its log says connection_lost, and the persona takes a new call', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const tab = await follow(u, call.id);
    // Longer than the grace: the check scheduled when it went ACTIVE finds the owner there.
    await sleep((GRACE_S + 1.5) * 1000);
    expect((await readCall(u, call.id)).status).toBe('ACTIVE');
    const listed = (await inject('GET', '/sessions?status=ACTIVE', u)).json();
    expect(listed.items.map((c: Call) => c.id)).toEqual([call.id]);

    await tab.close();
    const closedAt = Date.now();
    const end = await ended(u, call.id);
    expect(end).toMatchObject({ status: 'ENDED', endedReason: 'connection_lost' });
    expect(new Date(end.endedAt!).getTime()).toBeGreaterThanOrEqual(closedAt - 200 + GRACE_S * 1000);
    const [log] = await ctx.t.database.query<{ ended_reason: string; duration_seconds: number }>(
      'SELECT ended_reason, duration_seconds FROM calls.call_logs WHERE call_session_id = $1',
      [call.id],
    );
    expect(log).toMatchObject({ ended_reason: 'connection_lost' });
    expect(log!.duration_seconds).toBeGreaterThanOrEqual(GRACE_S * 2);
    expect((await inject('GET', '/sessions?status=ACTIVE', u)).json().items).toEqual([]);

    const next = await activeCall(u, p.id);
    expect(next.status).toBe('ACTIVE');
    await inject('POST', `/sessions/${next.id}/hangup`, u);
  });

  it('reconnecting inside the grace resumes the same call', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const tab = await follow(u, call.id);
    // The new tab's socket is open before the old one closes, so only the subscribe has to fit in the grace on a busy machine.
    const again = await TestSocket.connect(wsUrl(), u.tokens.accessToken);
    await tab.close();
    await sleep(300);
    expect((await again.subscribe(`call:${call.id}`)).type).toBe('subscribed');
    await sleep((GRACE_S + 2) * 1000);
    expect(await readCall(u, call.id)).toMatchObject({ id: call.id, status: 'ACTIVE', endedReason: null });
    expect((await sessionRow(call.id)).disconnected_at).toBeNull();
    // Talking goes on in the same call.
    expect((await inject('POST', `/sessions/${call.id}/turns`, u, { text: 'Are you still there?' })).statusCode).toBe(201);
    await again.close();
    expect(await ended(u, call.id)).toMatchObject({ id: call.id, endedReason: 'connection_lost' });
  });

  it('a second tab keeps the call alive while the first closes', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const first = await follow(u, call.id);
    const second = await follow(u, call.id);
    await first.close();
    await sleep((GRACE_S + 2) * 1000);
    expect((await readCall(u, call.id)).status).toBe('ACTIVE');
    await second.close();
    expect((await ended(u, call.id)).endedReason).toBe('connection_lost');
  });

  it('another user’s connection does not count (refused on the channel; even attached, it keeps nothing alive)', async () => {
    const u = await signUp(ctx.t.app);
    const other = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const tab = await follow(u, call.id);
    const stranger = await TestSocket.connect(wsUrl(), other.tokens.accessToken);
    expect(await stranger.subscribe(`call:${call.id}`)).toMatchObject({ type: 'error', code: 'realtime.channel_not_found' });
    const attached = await ctx.t.app.core.realtime.attach({ userId: other.user.id, channel: `call:${call.id}` });
    await tab.close();
    const end = await ended(u, call.id);
    expect(end.endedReason).toBe('connection_lost');
    await attached.detach();
    await stranger.close();
  });

  it('a call that went ACTIVE with no connection at all ends a grace after it went ACTIVE', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const end = await ended(u, call.id);
    expect(end.endedReason).toBe('connection_lost');
    expect(new Date(end.endedAt!).getTime() - new Date(call.startedAt!).getTime()).toBeGreaterThanOrEqual(GRACE_S * 1000);
  });

  it('a voice socket attached through realtime.attach keeps the call alive, and its detach starts the grace', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const voice = await ctx.t.app.core.realtime.attach({ userId: u.user.id, channel: `call:${call.id}` });
    await sleep((GRACE_S + 2) * 1000);
    expect((await readCall(u, call.id)).status).toBe('ACTIVE');
    await voice.detach();
    expect((await ended(u, call.id)).endedReason).toBe('connection_lost');
  });

  it('a hung-up call is left alone when its tab closes', async () => {
    const u = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const call = await activeCall(u, p.id);
    const tab = await follow(u, call.id);
    expect((await inject('POST', `/sessions/${call.id}/hangup`, u)).statusCode).toBe(200);
    await tab.close();
    await sleep((GRACE_S + 1) * 1000);
    expect(await readCall(u, call.id)).toMatchObject({ status: 'ENDED', endedReason: 'user_hangup' });
  });
});

describe('GET /v1/calls/sessions', () => {
  it('lists my calls newest first, by status, a page at a time; a bad status is a problem naming the field', async () => {
    const u = await signUp(ctx.t.app);
    const other = await signUp(ctx.t.app);
    const p = await trainedPersona(u);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await newCall(u, p.id)).id);
    await inject('POST', `/sessions/${made[0]}/hangup?reason=cancelled`, u);
    const all = (await inject('GET', '/sessions?limit=2', u)).json();
    expect(all.items.map((c: Call) => c.id)).toEqual([made[2], made[1]]);
    const rest = (await inject('GET', `/sessions?limit=2&cursor=${encodeURIComponent(all.nextCursor)}`, u)).json();
    expect(rest.items.map((c: Call) => c.id)).toEqual([made[0]]);
    expect(rest.nextCursor).toBeNull();
    expect((await inject('GET', '/sessions?status=INIT', u)).json().items.map((c: Call) => c.id)).toEqual([made[2], made[1]]);
    expect((await inject('GET', '/sessions?status=ENDED', u)).json().items.map((c: Call) => c.id)).toEqual([made[0]]);
    expect((await inject('GET', '/sessions', other)).json().items).toEqual([]);

    const bad = await inject('GET', '/sessions?status=LIVE', u);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ type: 'urn:talkbase:problem:validation', errors: [{ field: 'status' }] });
    expect(bad.json().errors[0].message).toContain('allowed values');
    const doc = (await ctx.t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/v1/calls/sessions'].get;
    expect(op.parameters.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['status', 'cursor', 'limit']));
  });
});
