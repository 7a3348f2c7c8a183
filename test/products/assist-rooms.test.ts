import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assistProduct } from '../../src/products/assist/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp({ deps: { products: [assistProduct] } });
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});
afterAll(async () => t?.close());

async function newAgent(code: string) {
  const u = await signUp(t.app);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: admin.auth,
    payload: { userId: u.user.id, agentCode: code, agentName: `Agent ${code}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return u;
}

const openRoom = async (auth: Record<string, string>, roomName: string) => {
  const res = await t.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: auth, payload: { roomName } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; joinCode: string };
};

describe('GET /v1/assist/rooms', () => {
  it("lists only the agent's own rooms, newest first, with join codes, a page at a time", async () => {
    const a = await newAgent('L-1');
    const b = await newAgent('L-2');
    const r1 = await openRoom(a.auth, 'Billing question');
    const r2 = await openRoom(a.auth, 'Roaming question');
    const r3 = await openRoom(a.auth, 'Router outage');
    const other = await openRoom(b.auth, 'Someone else');

    const res = await t.app.inject({ url: '/v1/assist/rooms', headers: a.auth });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; roomName: string; joinCode: string; status: string }[]; nextCursor: string | null };
    expect(body.items.map((r) => r.roomName)).toEqual(['Router outage', 'Roaming question', 'Billing question']);
    expect(body.items.map((r) => r.joinCode)).toEqual([r3.joinCode, r2.joinCode, r1.joinCode]);
    expect(body.items.every((r) => r.status === 'waiting')).toBe(true);
    expect(body.items.some((r) => r.id === other.id)).toBe(false);
    expect(body.nextCursor).toBeNull();

    const first = (await t.app.inject({ url: '/v1/assist/rooms?limit=2', headers: a.auth })).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([r3.id, r2.id]);
    const second = (await t.app.inject({ url: `/v1/assist/rooms?limit=2&cursor=${first.nextCursor}`, headers: a.auth })).json();
    expect(second.items.map((r: { id: string }) => r.id)).toEqual([r1.id]);
    expect(second.nextCursor).toBeNull();

    const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM assist.rooms');
    expect(rows[0]!.n).toBe(4);
  });

  it('refuses an account that is not an agent with 403', async () => {
    const someone = await signUp(t.app);
    const res = await t.app.inject({ url: '/v1/assist/rooms', headers: someone.auth });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
