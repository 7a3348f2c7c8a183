import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signUp } from '../support/test-app.js';
import { ctx, joinRoom, newAgent, openRoom, useAssistApp } from './assist-setup.js';

useAssistApp();

const segment = (over: Record<string, unknown>) => ({ text: '요금제 문의입니다', isFinal: true, startMs: 0, endMs: 1200, ...over });

describe('PUT /v1/assist/rooms/:id/transcripts/:segmentId with numbers and text the database cannot hold', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['endMs 1e308', { endMs: 1e308 }, 'endMs'],
    ['endMs 2^64', { endMs: 2 ** 64 }, 'endMs'],
    ['startMs 2^64', { startMs: 2 ** 64, endMs: 2 ** 64 }, 'startMs'],
    ['a lone surrogate in text', { text: 'abc\uD800def' }, 'text'],
  ];

  it.each(cases)('%s: 400 problem+json naming the field, for an outsider with a random room id', async (_name, over, field) => {
    const outsider = await signUp(ctx.t.app);
    const res = await ctx.t.app.inject({
      method: 'PUT',
      url: `/v1/assist/rooms/${randomUUID()}/transcripts/seg-1`,
      headers: { ...outsider.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(segment(over)),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json().errors)).toContain(field);
  });

  it.each(cases)('%s: 400 problem+json naming the field, for the agent in the room, and nothing is written', async (_name, over, field) => {
    const agent = await newAgent(`B-${randomUUID().slice(0, 8)}`);
    const room = await openRoom(agent.auth, 'Bounds');
    await joinRoom(agent.auth, room.id, { nickname: '상담원' });
    const res = await ctx.t.app.inject({
      method: 'PUT',
      url: `/v1/assist/rooms/${room.id}/transcripts/seg-1`,
      headers: { ...agent.auth, 'content-type': 'application/json' },
      payload: JSON.stringify(segment(over)),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json().errors)).toContain(field);
    const rows = await ctx.t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM assist.transcripts WHERE room_id = $1', [
      room.id,
    ]);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('an assist room seen from outside', () => {
  /** Every room route, as someone who is not in the room would call it. */
  const calls = (id: string) => [
    { method: 'GET' as const, url: `/v1/assist/rooms/${id}` },
    { method: 'POST' as const, url: `/v1/assist/rooms/${id}/join`, payload: { nickname: '손님' } },
    { method: 'POST' as const, url: `/v1/assist/rooms/${id}/join`, payload: { nickname: '손님', joinCode: 'guessed-code' } },
    { method: 'POST' as const, url: `/v1/assist/rooms/${id}/leave` },
    { method: 'POST' as const, url: `/v1/assist/rooms/${id}/end` },
    { method: 'PUT' as const, url: `/v1/assist/rooms/${id}/transcripts/seg-1`, payload: segment({}) },
    { method: 'POST' as const, url: `/v1/assist/rooms/${id}/transcripts`, payload: { segments: [{ segmentId: 'seg-2', ...segment({}) }] } },
    {
      method: 'POST' as const,
      url: `/v1/assist/rooms/${id}/transcripts/audio`,
      headers: { 'content-type': 'audio/wav' },
      payload: Buffer.alloc(64),
    },
    { method: 'GET' as const, url: `/v1/assist/rooms/${id}/transcripts` },
    { method: 'GET' as const, url: `/v1/assist/rooms/${id}/assistant` },
  ];

  async function answers(auth: Record<string, string>, id: string) {
    const out: string[] = [];
    for (const c of calls(id)) {
      const res = await ctx.t.app.inject({ ...c, headers: { ...auth, ...c.headers } });
      expect(res.headers['content-type'], `${c.method} ${c.url}`).toContain('application/problem+json');
      out.push(`${c.method} ${c.url.replace(id, ':id')} → ${res.statusCode} ${(res.json() as { type: string }).type}`);
    }
    return out;
  }

  it('answers 404 on every room route, for an ended room as for a random id, to a user and to another agent', async () => {
    const agent = await newAgent(`E-${randomUUID().slice(0, 8)}`);
    const room = await openRoom(agent.auth, 'Ended call');
    const customer = await signUp(ctx.t.app);
    await joinRoom(agent.auth, room.id, { nickname: '상담원' });
    await joinRoom(customer.auth, room.id, { nickname: '고객', joinCode: room.joinCode });
    const said = await ctx.t.app.inject({
      method: 'PUT',
      url: `/v1/assist/rooms/${room.id}/transcripts/seg-0`,
      headers: customer.auth,
      payload: segment({}),
    });
    expect(said.statusCode, said.body).toBe(200);
    const ended = await ctx.t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/end`, headers: agent.auth });
    expect(ended.statusCode, ended.body).toBe(200);

    const outsider = await signUp(ctx.t.app);
    const otherAgent = await newAgent(`O-${randomUUID().slice(0, 8)}`);
    for (const who of [outsider, otherAgent]) {
      const random = await answers(who.auth, randomUUID());
      expect(
        random.every((a) => / → 404 /.test(a)),
        random.join('\n'),
      ).toBe(true);
      expect(await answers(who.auth, room.id)).toEqual(random);
    }

    // Those who were in the room are told it has ended.
    const late = await ctx.t.app.inject({
      method: 'PUT',
      url: `/v1/assist/rooms/${room.id}/transcripts/seg-9`,
      headers: customer.auth,
      payload: segment({}),
    });
    expect(late.statusCode, late.body).toBe(409);
    expect(late.json().type).toContain('assist.room_ended');
    const again = await ctx.t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/end`, headers: agent.auth });
    expect(again.statusCode, again.body).toBe(409);
  });

  it('answers 404 on every room route of a room in progress, as for a random id', async () => {
    const agent = await newAgent(`P-${randomUUID().slice(0, 8)}`);
    const room = await openRoom(agent.auth, 'Call in progress');
    await joinRoom(agent.auth, room.id, { nickname: '상담원' });
    const outsider = await signUp(ctx.t.app);
    expect(await answers(outsider.auth, room.id)).toEqual(await answers(outsider.auth, randomUUID()));
    const rows = await ctx.t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM assist.peers WHERE room_id = $1', [room.id]);
    expect(rows[0]!.n).toBe(1);
  });
});
