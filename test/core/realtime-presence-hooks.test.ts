import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createMemoryBus } from '../../src/core/realtime/bus.js';
import { defineProduct, type ChannelPresenceChange } from '../../src/core/product.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { eventually, TestSocket } from '../support/realtime-client.js';

const seen: ChannelPresenceChange[] = [];
const probe = defineProduct({
  name: 'probe',
  channels: [
    {
      kind: 'room',
      authorize: async () => true,
      onPresence: async (_core, change) => void seen.push(change),
    },
    {
      kind: 'broken',
      authorize: async () => true,
      onPresence: async () => {
        throw new Error('a hook that fails');
      },
    },
  ],
});

const clock = createManualClock('2026-03-01T10:00:00Z');
const bus = createMemoryBus();
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({
    config: { realtime: { heartbeatMs: 60_000, sendBufferBytes: 256 * 1024, presenceTtlMs: 60_000, authTimeoutMs: 2000 } },
    deps: { products: [probe], clock, bus },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => {
  await t?.close();
  await bus.close();
});

const changesOf = (channel: string) => seen.filter((c) => c.channel === channel).map((c) => `${c.kind}:${c.userId}:${c.connectionId}`);

describe('channel kinds hear presence', () => {
  it('on subscribe, unsubscribe and socket close, with the id after the kind', async () => {
    const alice = await signUp(t.app);
    const id = uuidv7();
    const channel = `room:${id}`;
    const s = await TestSocket.connect(url, alice.tokens.accessToken);
    await s.subscribe(channel);
    await eventually(() => changesOf(channel).length === 1, 5000, 'join hook');
    expect(seen.find((c) => c.channel === channel)).toEqual({
      channel,
      id,
      userId: alice.user.id,
      connectionId: s.connectionId,
      kind: 'join',
    });
    s.send({ type: 'unsubscribe', channel });
    await s.next((m) => m.type === 'unsubscribed');
    expect(changesOf(channel)).toEqual([`join:${alice.user.id}:${s.connectionId}`, `leave:${alice.user.id}:${s.connectionId}`]);

    await s.subscribe(channel);
    await s.close();
    await eventually(() => changesOf(channel).length === 4, 5000, 'leave hook on close');
    expect(changesOf(channel).at(-1)).toBe(`leave:${alice.user.id}:${s.connectionId}`);
  });

  it('when the sweep removes the connections of a process that died', async () => {
    const ghost = await signUp(t.app);
    const channel = `room:${uuidv7()}`;
    const dead = uuidv7();
    const now = clock.now().getTime();
    await t.database.query(
      'INSERT INTO core.realtime_connections (id, user_id, instance_id, connected_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [dead, ghost.user.id, 'killed-instance', new Date(now), new Date(now + 5_000)],
    );
    await t.database.query('INSERT INTO core.presence (channel, connection_id, user_id, joined_at) VALUES ($1, $2, $3, $4)', [
      channel,
      dead,
      ghost.user.id,
      new Date(now),
    ]);
    clock.advance(6_000);
    await t.app.core.realtime.sweepExpiredPresence();
    expect(changesOf(channel)).toEqual([`leave:${ghost.user.id}:${dead}`]);
  });

  it('a hook that throws is logged; the subscription works and the socket stays open', async () => {
    const alice = await signUp(t.app);
    const channel = `broken:${uuidv7()}`;
    const s = await TestSocket.connect(url, alice.tokens.accessToken);
    expect((await s.subscribe(channel)).type).toBe('subscribed');
    await t.app.core.realtime.publish(channel, 'hello', { n: 1 });
    await s.waitForEvents(channel, 1);
    s.send({ type: 'ping' });
    await s.next((m) => m.type === 'pong');
    await s.close();
  });
});

describe('attach: presence of another socket route', () => {
  it('joins the channel like a subscription: presence lists it, watchers get the event, the hook runs; detach undoes it', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const channel = `room:${uuidv7()}`;
    const watcher = await TestSocket.connect(url, bob.tokens.accessToken);
    await watcher.subscribe(channel);
    await watcher.next((m) => m.event === 'presence' && m.data.userId === bob.user.id);

    const attached = await t.app.core.realtime.attach({ userId: alice.user.id, channel });
    expect(await watcher.next((m) => m.event === 'presence' && m.data.userId === alice.user.id)).toMatchObject({
      data: { action: 'join', connectionId: attached.connectionId },
    });
    expect(changesOf(channel)).toContain(`join:${alice.user.id}:${attached.connectionId}`);
    const members = await t.app.core.realtime.presence(channel);
    expect(members.map((m) => m.userId).sort()).toEqual([alice.user.id, bob.user.id].sort());
    expect((await t.app.core.realtime.onlineUsers([alice.user.id])).has(alice.user.id)).toBe(true);

    await attached.detach();
    await attached.detach();
    expect(await watcher.next((m) => m.event === 'presence' && m.data.userId === alice.user.id)).toMatchObject({
      data: { action: 'leave', connectionId: attached.connectionId },
    });
    expect(changesOf(channel).filter((c) => c.startsWith('leave:'))).toEqual([`leave:${alice.user.id}:${attached.connectionId}`]);
    expect((await t.app.core.realtime.presence(channel)).map((m) => m.userId)).toEqual([bob.user.id]);
    expect(await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [attached.connectionId])).toHaveLength(0);
    await watcher.close();
  });

  it('one connection on two channels keeps its row until it leaves the last one', async () => {
    const alice = await signUp(t.app);
    const a = `room:${uuidv7()}`;
    const b = `room:${uuidv7()}`;
    const first = await t.app.core.realtime.attach({ userId: alice.user.id, channel: a });
    const second = await t.app.core.realtime.attach({ connectionId: first.connectionId, userId: alice.user.id, channel: b });
    await first.detach();
    expect(await t.app.core.realtime.presence(a)).toEqual([]);
    expect((await t.app.core.realtime.presence(b)).map((m) => m.connectionIds)).toEqual([[first.connectionId]]);
    await second.detach();
    expect(await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [first.connectionId])).toHaveLength(0);
    await expect(t.app.core.realtime.attach({ connectionId: first.connectionId, userId: uuidv7(), channel: a })).rejects.toThrow();
  });

  it('is refreshed by the heartbeat, and written again after a stall let the sweep remove it', async () => {
    const alice = await signUp(t.app);
    const channel = `room:${uuidv7()}`;
    const attached = await t.app.core.realtime.attach({ userId: alice.user.id, channel });
    clock.advance(61_000);
    // A stall: the sweep ran before this instance's heartbeat refreshed the row.
    await t.app.core.realtime.sweepExpiredPresence();
    expect(changesOf(channel).at(-1)).toBe(`leave:${alice.user.id}:${attached.connectionId}`);
    expect(await t.app.core.realtime.presence(channel)).toEqual([]);
    await t.app.core.realtime.heartbeat();
    expect((await t.app.core.realtime.presence(channel)).map((m) => m.userId)).toEqual([alice.user.id]);
    expect(changesOf(channel).at(-1)).toBe(`join:${alice.user.id}:${attached.connectionId}`);
    clock.advance(40_000);
    await t.app.core.realtime.heartbeat();
    clock.advance(40_000);
    expect((await t.app.core.realtime.presence(channel)).map((m) => m.userId)).toEqual([alice.user.id]);
    await attached.detach();
  });
});
