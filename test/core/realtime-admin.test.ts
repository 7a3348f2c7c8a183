import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { TestSocket } from '../support/realtime-client.js';
import { waitForValue } from '../support/wait-for.js';

let t: TestApp;
let url: string;
let admin: Awaited<ReturnType<typeof signUp>>;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  admin = await signUp(t.app, 'operator@example.com');
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});
afterAll(async () => t?.close());

type Report = {
  total: number;
  instances: { instanceId: string; connections: number; current: boolean }[];
  items: { id: string; userId: string; email: string; channels: string[]; connectedAt: string; instanceId: string }[];
  nextCursor: string | null;
};

const list = async (query = '') => {
  const res = await t.app.inject({ url: `/v1/admin/realtime/connections${query}`, headers: admin.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Report;
};

describe('GET /v1/admin/realtime/connections', () => {
  it('lists open connections with their user, channels, start and instance, pages them, and drops closed ones', async () => {
    const alice = await signUp(t.app, 'alice.rt@example.com');
    const bob = await signUp(t.app, 'bob.rt@example.com');
    const a = await TestSocket.connect(url, alice.tokens.accessToken);
    expect((await a.subscribe(`user:${alice.user.id}`)).type).toBe('subscribed');
    const b1 = await TestSocket.connect(url, bob.tokens.accessToken);
    const b2 = await TestSocket.connect(url, bob.tokens.accessToken);
    expect((await b2.subscribe(`user:${bob.user.id}`)).type).toBe('subscribed');

    const report = await waitForValue('three connections', async () => {
      const r = await list();
      return r.total === 3 ? r : undefined;
    });
    expect(report.instances).toEqual([{ instanceId: t.app.core.realtime.instanceId, connections: 3, current: true }]);
    // Newest first.
    expect(report.items.map((i) => i.id)).toEqual([b2.connectionId, b1.connectionId, a.connectionId]);
    const byId = new Map(report.items.map((i) => [i.id, i]));
    expect(byId.get(a.connectionId)).toMatchObject({
      userId: alice.user.id,
      email: 'alice.rt@example.com',
      channels: [`user:${alice.user.id}`],
      instanceId: t.app.core.realtime.instanceId,
    });
    expect(byId.get(b1.connectionId)!.channels).toEqual([]);
    expect(byId.get(b2.connectionId)!.channels).toEqual([`user:${bob.user.id}`]);
    expect(Date.parse(byId.get(a.connectionId)!.connectedAt)).toBeLessThanOrEqual(Date.parse(byId.get(b2.connectionId)!.connectedAt));
    // Nothing secret: no token, no email ciphertext.
    const raw = JSON.stringify(report);
    expect(raw).not.toContain(alice.tokens.accessToken);
    expect(Object.keys(report.items[0]!).sort()).toEqual(['channels', 'connectedAt', 'email', 'id', 'instanceId', 'userId']);

    const first = await list('?limit=2');
    expect(first.items.map((i) => i.id)).toEqual([b2.connectionId, b1.connectionId]);
    expect(first.total).toBe(3);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([a.connectionId]);
    expect(second.nextCursor).toBeNull();

    await b1.close();
    const after = await waitForValue('two connections', async () => {
      const r = await list();
      // The page and the count are two reads: wait until both have seen the close.
      return r.total === 2 && r.items.length === 2 ? r : undefined;
    });
    expect(after.items.map((i) => i.id)).toEqual([b2.connectionId, a.connectionId]);
    const rows = await t.database.query('SELECT id FROM core.realtime_connections WHERE id = $1', [b1.connectionId]);
    expect(rows).toHaveLength(0);
    await a.close();
    await b2.close();
    await waitForValue('no connections', async () => ((await list()).total === 0 ? true : undefined));
  });

  it('is for admins only: a member gets 403 and an anonymous caller 401', async () => {
    const member = await signUp(t.app);
    const res = await t.app.inject({ url: '/v1/admin/realtime/connections', headers: member.auth });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect((await t.app.inject({ url: '/v1/admin/realtime/connections' })).statusCode).toBe(401);
  });

  it('names a bad cursor or limit as a problem+json field error', async () => {
    const bad = await t.app.inject({ url: '/v1/admin/realtime/connections?cursor=WyJub3QtYS11dWlkIl0', headers: admin.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const big = await t.app.inject({ url: '/v1/admin/realtime/connections?limit=1000', headers: admin.auth });
    expect(big.statusCode).toBe(400);
    expect(JSON.stringify(big.json().errors)).toContain('limit');
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/v1/admin/realtime/connections'].get).toBeDefined();
  });
});
