// The account cache on two instances sharing one database and one bus (Redis when REDIS_URL is set, as deployed):
// every change made through Talkbase on one instance is refused on the other at once, although the cache would
// keep a sign-in for a minute.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { defineProduct } from '../../src/core/product.js';
import { requireRole } from '../../src/core/identity/access.js';
import { createMemoryBus, createRedisBus, type Bus } from '../../src/core/realtime/bus.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

const gate = defineProduct({
  name: 'gate',
  roles: [{ name: 'editor', selfAssign: false }],
  routes(app) {
    app.get('/editor', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async (request) => {
      requireRole(request, 'gate', 'editor');
      return { ok: true };
    });
  },
});

const redisUrl = loadConfig().redisUrl;
const topic = `talkbase:test:accounts:${randomBytes(4).toString('hex')}`;
const openBus = async (): Promise<Bus> => (redisUrl ? createRedisBus(redisUrl, { topic }) : sharedMemoryBus);
const sharedMemoryBus = createMemoryBus();

let t: TestApp;
let other: FastifyInstance;
let admin: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  const config = { accountCacheMs: 60_000 };
  t = await createTestApp({ config, deps: { products: [gate], bus: await openBus() } });
  other = await buildApp(
    { ...t.config, ...config },
    { database: t.database, keyring: t.keyring, bus: await openBus(), products: [gate], migrate: false, logger: false },
  );
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const get = (app: FastifyInstance, url: string, auth: Record<string, string>) => app.inject({ method: 'GET', url, headers: auth });

/** The status `url` answers on `app`, waiting at most 1 s (the bus's delivery; the cache would keep the old answer 60 s). */
async function statusSoon(app: FastifyInstance, url: string, auth: Record<string, string>, expected: number): Promise<number> {
  const until = Date.now() + 1000;
  let status = (await get(app, url, auth)).statusCode;
  while (status !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 10));
    status = (await get(app, url, auth)).statusCode;
  }
  return status;
}

/** Signs up a user and has instance B remember the sign-in. */
async function signedInOnB() {
  const u = await signUp(t.app);
  expect((await get(other, '/v1/me', u.auth)).statusCode).toBe(200);
  expect((await get(other, '/v1/me', u.auth)).statusCode).toBe(200);
  return u;
}

describe('account cache across instances', () => {
  it('is on: a change written straight into the database is not seen by an instance that remembers the sign-in', async () => {
    const u = await signedInOnB();
    await t.database.query('UPDATE core.users SET is_active = false WHERE id = $1', [u.user.id]);
    expect((await get(other, '/v1/me', u.auth)).statusCode).toBe(200);
    expect((await get(t.app, '/v1/me', u.auth)).statusCode).toBe(401);
  });

  it('an account disabled on A is refused on B at once', async () => {
    const u = await signedInOnB();
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/v1/admin/users/${u.user.id}`,
      headers: admin.auth,
      payload: { isActive: false },
    });
    expect(off.statusCode).toBe(200);
    expect(await statusSoon(other, '/v1/me', u.auth, 401)).toBe(401);
    const rows = await t.database.query<{ is_active: boolean }>('SELECT is_active FROM core.users WHERE id = $1', [u.user.id]);
    expect(rows[0]!.is_active).toBe(false);
  });

  it('signing out on A ends the access token on B at once', async () => {
    const u = await signedInOnB();
    const out = await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: u.tokens.refreshToken } });
    expect(out.statusCode).toBe(204);
    expect(await statusSoon(other, '/v1/me', u.auth, 401)).toBe(401);
  });

  it('a new password on A ends every sign-in on B at once', async () => {
    const u = await signedInOnB();
    const changed = await t.app.inject({
      method: 'POST',
      url: '/v1/me/password',
      headers: u.auth,
      payload: { currentPassword: u.password, newPassword: 'another quite long passphrase 42' },
    });
    expect(changed.statusCode).toBe(204);
    expect(await statusSoon(other, '/v1/me', u.auth, 401)).toBe(401);
  });

  it('a reused refresh token on A ends the sign-in on B at once', async () => {
    const u = await signedInOnB();
    const first = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } });
    expect(first.statusCode).toBe(200);
    const fresh = { authorization: `Bearer ${first.json().accessToken as string}` };
    expect((await get(other, '/v1/me', fresh)).statusCode).toBe(200);
    const reuse = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: u.tokens.refreshToken } });
    expect(reuse.statusCode).toBe(401);
    expect(await statusSoon(other, '/v1/me', u.auth, 401)).toBe(401);
    expect(await statusSoon(other, '/v1/me', fresh, 401)).toBe(401);
  });

  it('a role granted on A opens the route on B at once, and revoked closes it at once', async () => {
    const u = await signedInOnB();
    expect((await get(other, '/v1/gate/editor', u.auth)).statusCode).toBe(403);
    const roleUrl = `/v1/admin/users/${u.user.id}/roles`;
    const granted = await t.app.inject({ method: 'PUT', url: roleUrl, headers: admin.auth, payload: { product: 'gate', role: 'editor' } });
    expect(granted.statusCode).toBe(200);
    expect(await statusSoon(other, '/v1/gate/editor', u.auth, 200)).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: roleUrl,
      headers: admin.auth,
      payload: { product: 'gate', role: 'editor' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(await statusSoon(other, '/v1/gate/editor', u.auth, 403)).toBe(403);
    const roles = await t.database.query('SELECT 1 FROM core.user_roles WHERE user_id = $1', [u.user.id]);
    expect(roles).toHaveLength(0);
  });

  it('an account deleted on B is refused on A at once', async () => {
    const u = await signUp(t.app);
    expect((await get(t.app, '/v1/me', u.auth)).statusCode).toBe(200);
    const gone = await other.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(gone.statusCode).toBe(204);
    expect(await statusSoon(t.app, '/v1/me', u.auth, 401)).toBe(401);
    expect(await t.database.query('SELECT 1 FROM core.users WHERE id = $1', [u.user.id])).toHaveLength(0);
  });
});
