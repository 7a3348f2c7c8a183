/** The assist product's test app and the steps its tests share (an agent made by an admin, a room, joining it). */
import { afterAll, beforeAll, expect } from 'vitest';
import { assistProduct } from '../../src/products/assist/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

export type Auth = Awaited<ReturnType<typeof signUp>>;

/** The app under test and the admin who makes agents. */
export const ctx = {} as { t: TestApp; admin: Auth };

/** Registers the suite's app: one per test file. */
export function useAssistApp() {
  beforeAll(async () => {
    ctx.t = await createTestApp({ deps: { products: [assistProduct] } });
    ctx.admin = await signUp(ctx.t.app);
    await ctx.t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [ctx.admin.user.id]);
  });
  afterAll(async () => ctx.t?.close());
}

/** A new user whom the admin made an agent with this code. */
export async function newAgent(code: string) {
  const u = await signUp(ctx.t.app);
  const res = await ctx.t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: ctx.admin.auth,
    payload: { userId: u.user.id, agentCode: code, agentName: `Agent ${code}` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return u;
}

export const openRoom = async (auth: Record<string, string>, roomName: string) => {
  const res = await ctx.t.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: auth, payload: { roomName } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; joinCode: string };
};

/** Joins the room and expects it to be let in. */
export async function joinRoom(auth: Record<string, string>, roomId: string, payload: { nickname: string; joinCode?: string }) {
  const res = await ctx.t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${roomId}/join`, headers: auth, payload });
  expect(res.statusCode, res.body).toBe(200);
  return res;
}
