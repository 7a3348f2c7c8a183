import { describe, expect, it } from 'vitest';
import { signUp } from '../support/test-app.js';
import { ctx, newAgent, openRoom, useAssistApp } from './assist-setup.js';

useAssistApp();

describe('GET /v1/assist/rooms', () => {
  it("lists only the agent's own rooms, newest first, with join codes, a page at a time", async () => {
    const a = await newAgent('L-1');
    const b = await newAgent('L-2');
    const r1 = await openRoom(a.auth, 'Billing question');
    const r2 = await openRoom(a.auth, 'Roaming question');
    const r3 = await openRoom(a.auth, 'Router outage');
    const other = await openRoom(b.auth, 'Someone else');

    const res = await ctx.t.app.inject({ url: '/v1/assist/rooms', headers: a.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; roomName: string; joinCode: string; status: string }[]; nextCursor: string | null };
    expect(body.items.map((r) => r.roomName)).toEqual(['Router outage', 'Roaming question', 'Billing question']);
    expect(body.items.map((r) => r.joinCode)).toEqual([r3.joinCode, r2.joinCode, r1.joinCode]);
    expect(body.items.every((r) => r.status === 'waiting')).toBe(true);
    expect(body.items.some((r) => r.id === other.id)).toBe(false);
    expect(body.nextCursor).toBeNull();

    const first = (await ctx.t.app.inject({ url: '/v1/assist/rooms?limit=2', headers: a.auth })).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([r3.id, r2.id]);
    const second = (await ctx.t.app.inject({ url: `/v1/assist/rooms?limit=2&cursor=${first.nextCursor}`, headers: a.auth })).json();
    expect(second.items.map((r: { id: string }) => r.id)).toEqual([r1.id]);
    expect(second.nextCursor).toBeNull();

    const rows = await ctx.t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM assist.rooms');
    expect(rows[0]!.n).toBe(4);
  });

  it('refuses an account that is not an agent with 403', async () => {
    const someone = await signUp(ctx.t.app);
    const res = await ctx.t.app.inject({ url: '/v1/assist/rooms', headers: someone.auth });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
