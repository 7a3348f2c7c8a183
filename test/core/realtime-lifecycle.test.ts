import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { eventually, TestSocket } from '../support/realtime-client.js';

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({
    config: { realtime: { heartbeatMs: 150, sendBufferBytes: 1024 * 1024, presenceTtlMs: 10_000, authTimeoutMs: 2000 } },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => t?.close());

const gauge = async () => (await t.app.metrics.wsConnections.get()).values[0]?.value ?? 0;

describe('connection lifecycle', () => {
  it('heartbeats close a connection that stops answering pings and keep one that answers', async () => {
    const u = await signUp(t.app);
    const dead = await TestSocket.connect(url, u.tokens.accessToken);
    const alive = await TestSocket.connect(url, u.tokens.accessToken);
    await dead.subscribe(`user:${u.user.id}`);
    // A peer that vanished from the network: nothing it receives is read, so no pong comes back.
    const raw = (dead.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    await eventually(
      async () => (await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [dead.connectionId])).length === 0,
      3000,
      'dead connection row removed',
    );
    raw.resume();
    expect((await dead.closed).code).toBe(1006);
    expect(await t.database.query('SELECT 1 FROM core.presence WHERE connection_id = $1', [dead.connectionId])).toHaveLength(0);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    alive.send({ type: 'ping' });
    expect((await alive.next((m) => m.type === 'pong')).at).toBeTypeOf('string');
    await eventually(
      async () => (await gauge()) === 1,
      2000,
      `gauge at 1 (is ${await gauge()}, server has ${t.app.core.realtime.connectionCount()})`,
    );
    await alive.close();
    await eventually(async () => (await gauge()) === 0, 2000, 'gauge back to 0');
  });

  it('on shutdown every socket is closed with 1001 and a reconnect hint, and the instance leaves no presence behind', async () => {
    const u = await signUp(t.app);
    const s = await TestSocket.connect(url, u.tokens.accessToken);
    await s.subscribe(`user:${u.user.id}`);
    expect(await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [s.connectionId])).toHaveLength(1);
    const db = t.database;
    const closing = t.app.close();
    const closed = await s.closed;
    await closing;
    expect(closed.code).toBe(1001);
    expect(closed.reason).toContain('reconnect');
    expect(await db.query('SELECT 1 FROM core.realtime_connections')).toHaveLength(0);
    expect(await db.query('SELECT 1 FROM core.presence')).toHaveLength(0);
  });
});
