import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { createMemoryBus } from '../../src/core/realtime/bus.js';
import { inTransaction } from '../../src/core/db/transaction.js';
import { defineProduct } from '../../src/core/product.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { eventually, TestSocket } from '../support/realtime-client.js';

/** A product channel kind for tests: `room:open-*` is open to every signed-in user, anything else only to its own user id. */
const probe = defineProduct({
  name: 'probe',
  channels: [{ kind: 'room', authorize: async (_core, user, id) => id.startsWith('open-') || id === user.id }],
});

const clock = createManualClock('2026-03-01T10:00:00Z');
const bus = createMemoryBus();
let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp({
    config: { realtime: { heartbeatMs: 60_000, sendBufferBytes: 256 * 1024, presenceTtlMs: 60_000, authTimeoutMs: 500 } },
    deps: { products: [probe], clock, bus },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => {
  await t?.close();
  await bus.close();
});

describe('authentication', () => {
  it('refuses an invalid token with an error and close code 4401', async () => {
    const s = await TestSocket.open(url);
    s.send({ type: 'auth', token: 'not-a-token' });
    const err = await s.next((m) => m.type === 'error');
    expect(err.code).toBe('auth.invalid_token');
    expect((await s.closed).code).toBe(4401);
  });

  it('refuses an anonymous subscribe, and closes a socket that never authenticates', async () => {
    const s = await TestSocket.open(url);
    s.send({ type: 'subscribe', channel: 'room:open-1' });
    expect((await s.next((m) => m.type === 'error')).code).toBe('auth.required');
    expect((await s.closed).code).toBe(4401);

    const silent = await TestSocket.open(url);
    const closed = await silent.closed;
    expect(closed.code).toBe(4401);
    expect(silent.messages.some((m) => m.code === 'auth.required')).toBe(true);
  });

  it('answers a plain GET with 426 and documents the protocol in the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/v1/realtime' });
    expect(res.statusCode).toBe(426);
    expect(res.json().type).toBe('urn:talkbase:problem:realtime.upgrade_required');
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/v1/realtime'].get.description).toContain('{"type":"auth","token":');
    expect(doc.paths['/v1/realtime/presence/{channel}']).toBeDefined();
  });
});

describe('channel authorization', () => {
  it("a user cannot subscribe to another user's user:<id> channel and receives none of its events", async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const s = await TestSocket.connect(url, alice.tokens.accessToken);
    const refused = await s.subscribe(`user:${bob.user.id}`);
    expect(refused).toMatchObject({ type: 'error', code: 'realtime.channel_not_found', channel: `user:${bob.user.id}` });
    const own = await s.subscribe(`user:${alice.user.id}`);
    expect(own.type).toBe('subscribed');

    await t.app.core.realtime.publish(`user:${bob.user.id}`, 'secret', { for: 'bob' });
    await t.app.core.realtime.publish(`user:${alice.user.id}`, 'hello', { for: 'alice' });
    await s.waitForEvents(`user:${alice.user.id}`, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.messages.filter((m) => m.type === 'event' && m.channel === `user:${bob.user.id}`)).toHaveLength(0);

    const rows = await t.database.query<{ channel: string }>('SELECT channel FROM core.presence WHERE connection_id = $1', [
      s.connectionId,
    ]);
    expect(rows.map((r) => r.channel)).toEqual([`user:${alice.user.id}`]);
    await s.close();
  });

  it('an admin may follow any user channel; unknown kinds and malformed names are refused', async () => {
    const admin = await signUp(t.app);
    const other = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    const s = await TestSocket.connect(url, admin.tokens.accessToken);
    expect((await s.subscribe(`user:${other.user.id}`)).type).toBe('subscribed');
    expect((await s.subscribe('nope:1')).code).toBe('realtime.unknown_channel_kind');
    expect((await s.subscribe('no colon')).code).toBe('realtime.invalid_channel');
    expect((await s.subscribe('user:not-a-uuid')).code).toBe('realtime.channel_not_found');
    await s.close();
  });

  it('access is decided at subscribe time from the database: a disabled account is refused on its next subscribe', async () => {
    const u = await signUp(t.app);
    const s = await TestSocket.connect(url, u.tokens.accessToken);
    expect((await s.subscribe('room:open-disabled')).type).toBe('subscribed');
    await t.database.query('UPDATE core.users SET is_active = false WHERE id = $1', [u.user.id]);
    expect((await s.subscribe(`user:${u.user.id}`)).code).toBe('auth.invalid_token');
    await s.close();
  });
});

describe('sequence numbers and replay', () => {
  it('a client that misses 500 events and resumes with its last seq gets exactly those, in order, then live events', async () => {
    const u = await signUp(t.app);
    const channel = `user:${u.user.id}`;
    const first = await TestSocket.connect(url, u.tokens.accessToken);
    expect(await first.subscribe(channel)).toMatchObject({ type: 'subscribed', seq: 0 });
    await t.app.core.realtime.publish(channel, 'tick', { n: 0 });
    const [seen] = await first.waitForEvents(channel, 1);
    expect(seen).toMatchObject({ seq: 1, event: 'tick', data: { n: 0 } });
    await first.close();

    for (let n = 1; n <= 500; n++) await t.app.core.realtime.publish(channel, 'tick', { n });

    const again = await TestSocket.connect(url, u.tokens.accessToken);
    const subscribed = await again.subscribe(channel, seen!.seq);
    expect(subscribed).toMatchObject({ type: 'subscribed', seq: 501 });
    // Live events published while the replay runs must neither be lost nor repeated.
    const live = (async () => {
      for (let n = 501; n <= 550; n++) await t.app.core.realtime.publish(channel, 'tick', { n });
    })();
    await live;
    await again.waitForEvents(channel, 550);
    await new Promise((r) => setTimeout(r, 100));
    const got = again.events(channel);
    // 500 missed (seq 2..501), then 50 live (seq 502..551): each exactly once, in order.
    expect(got.map((m) => m.seq)).toEqual(Array.from({ length: 550 }, (_, i) => i + 2));
    expect(got.map((m) => m.data.n)).toEqual(Array.from({ length: 550 }, (_, i) => i + 1));

    const [stored] = await t.database.query<{ n: number; max: string }>(
      'SELECT count(*)::int AS n, max(seq)::text AS max FROM core.channel_events WHERE channel = $1',
      [channel],
    );
    expect(stored).toEqual({ n: 551, max: '551' });
    const [head] = await t.database.query<{ seq: string }>('SELECT seq::text FROM core.channel_heads WHERE channel = $1', [channel]);
    expect(head!.seq).toBe('551');
    await again.close();
  });

  it('an event published inside a transaction is delivered only after commit, and never if it rolls back', async () => {
    const u = await signUp(t.app);
    const channel = `user:${u.user.id}`;
    const s = await TestSocket.connect(url, u.tokens.accessToken);
    await s.subscribe(channel);
    await expect(
      inTransaction(t.app.core.db, async (tx, afterCommit) => {
        await t.app.core.realtime.publish(channel, 'doomed', {}, { tx, afterCommit });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    let deliveredBeforeCommit = false;
    const stored = await inTransaction(t.app.core.db, async (tx, afterCommit) => {
      const e = await t.app.core.realtime.publish(channel, 'kept', { ok: true }, { tx, afterCommit });
      await new Promise((r) => setTimeout(r, 30));
      deliveredBeforeCommit = s.events(channel).length > 0;
      return e;
    });
    expect(deliveredBeforeCommit).toBe(false);
    expect(stored.seq).toBe(1);
    const [event] = await s.waitForEvents(channel, 1);
    expect(event).toMatchObject({ seq: 1, event: 'kept' });
    const rows = await t.database.query<{ event: string }>('SELECT event FROM core.channel_events WHERE channel = $1', [channel]);
    expect(rows.map((r) => r.event)).toEqual(['kept']);
    await s.close();
  });

  it('two instances sharing the database and the bus: events published on either reach a client on the other, in sequence', async () => {
    const other = await buildApp(t.config, {
      database: t.database,
      keyring: t.keyring,
      bus,
      clock,
      products: [probe],
      migrate: false,
      logger: false,
    });
    try {
      await other.listen({ port: 0, host: '127.0.0.1' });
      const otherUrl = `ws://127.0.0.1:${(other.server.address() as AddressInfo).port}/v1/realtime`;
      const u = await signUp(t.app);
      const channel = `room:open-${uuidv7()}`;
      const onB = await TestSocket.connect(otherUrl, u.tokens.accessToken);
      const onA = await TestSocket.connect(url, u.tokens.accessToken);
      await onB.subscribe(channel);
      await onA.subscribe(channel);
      await t.app.core.realtime.publish(channel, 'from-a', { n: 1 });
      expect((await onB.waitForEvents(channel, 1))[0]).toMatchObject({ seq: 1, event: 'from-a' });
      await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? other : t.app).core.realtime.publish(channel, 'mixed', { i })));
      for (const s of [onA, onB]) {
        await s.waitForEvents(channel, 41);
        expect(s.events(channel).map((m) => m.seq)).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
      }
      await onA.close();
      await onB.close();
    } finally {
      await other.close();
    }
  });
});

describe('presence', () => {
  const membersOf = async (channel: string, auth: Record<string, string>) => {
    const res = await t.app.inject({ url: `/v1/realtime/presence/${encodeURIComponent(channel)}`, headers: auth });
    expect(res.statusCode).toBe(200);
    return (res.json().members as { userId: string; connectionIds: string[] }[]).map((m) => m.userId).sort();
  };

  it('announces join and leave on the channel and answers who is connected', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const channel = `room:open-${uuidv7()}`;
    const a = await TestSocket.connect(url, alice.tokens.accessToken);
    await a.subscribe(channel);
    expect(await a.next((m) => m.event === 'presence')).toMatchObject({
      channel,
      ephemeral: true,
      data: { action: 'join', userId: alice.user.id, connectionId: a.connectionId },
    });
    const b = await TestSocket.connect(url, bob.tokens.accessToken);
    await b.subscribe(channel);
    expect(await a.next((m) => m.event === 'presence')).toMatchObject({
      data: { action: 'join', userId: bob.user.id, connectionId: b.connectionId },
    });
    expect(await membersOf(channel, alice.auth)).toEqual([alice.user.id, bob.user.id].sort());
    expect(await t.app.core.realtime.onlineUsers([alice.user.id, bob.user.id])).toEqual(new Set([alice.user.id, bob.user.id]));

    b.send({ type: 'unsubscribe', channel });
    await b.next((m) => m.type === 'unsubscribed');
    expect(await a.next((m) => m.event === 'presence')).toMatchObject({ data: { action: 'leave', userId: bob.user.id } });
    expect(await membersOf(channel, alice.auth)).toEqual([alice.user.id]);

    await b.subscribe(channel);
    await a.next((m) => m.event === 'presence' && m.data.action === 'join');
    await b.close();
    expect(await a.next((m) => m.event === 'presence')).toMatchObject({
      data: { action: 'leave', userId: bob.user.id, connectionId: b.connectionId },
    });
    await eventually(
      async () => (await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [b.connectionId])).length === 0,
      2000,
      'connection row removed',
    );
    expect(await membersOf(channel, alice.auth)).toEqual([alice.user.id]);
    await a.close();
  });

  it('entries of a process that died expire and are announced as leave', async () => {
    const alice = await signUp(t.app);
    const ghost = await signUp(t.app);
    const channel = `room:open-${uuidv7()}`;
    const a = await TestSocket.connect(url, alice.tokens.accessToken);
    await a.subscribe(channel);
    await a.next((m) => m.event === 'presence');
    // What a process leaves behind when it is killed: rows nobody refreshes any more.
    const deadConnection = uuidv7();
    const now = clock.now().getTime();
    await t.database.query(
      'INSERT INTO core.realtime_connections (id, user_id, instance_id, connected_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [deadConnection, ghost.user.id, 'killed-instance', new Date(now), new Date(now + 5_000)],
    );
    await t.database.query('INSERT INTO core.presence (channel, connection_id, user_id, joined_at) VALUES ($1, $2, $3, $4)', [
      channel,
      deadConnection,
      ghost.user.id,
      new Date(now),
    ]);
    expect(await membersOf(channel, alice.auth)).toEqual([alice.user.id, ghost.user.id].sort());

    clock.advance(6_000);
    expect(await membersOf(channel, alice.auth)).toEqual([alice.user.id]);
    expect(await t.app.core.realtime.sweepExpiredPresence()).toBe(1);
    expect(await a.next((m) => m.event === 'presence')).toMatchObject({
      data: { action: 'leave', userId: ghost.user.id, connectionId: deadConnection },
    });
    expect(await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [deadConnection])).toHaveLength(0);
    expect(await t.database.query('SELECT 1 FROM core.presence WHERE connection_id = $1', [deadConnection])).toHaveLength(0);
    // The live connection is refreshed by its heartbeat and stays.
    expect(await t.database.query('SELECT 1 FROM core.realtime_connections WHERE id = $1', [a.connectionId])).toHaveLength(1);
    await a.close();
  });

  it('the presence route is authorized like subscribe', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    expect((await t.app.inject({ url: `/v1/realtime/presence/user:${bob.user.id}`, headers: alice.auth })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/v1/realtime/presence/user:${alice.user.id}`, headers: alice.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/v1/realtime/presence/nope:1', headers: alice.auth })).json().type).toBe(
      'urn:talkbase:problem:realtime.unknown_channel_kind',
    );
    expect((await t.app.inject({ url: `/v1/realtime/presence/user:${alice.user.id}` })).statusCode).toBe(401);
  });
});

describe('revocation', () => {
  it("revoke ends one user's subscriptions to a channel on every instance and announces the leave", async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const channel = `room:open-${uuidv7()}`;
    const a = await TestSocket.connect(url, alice.tokens.accessToken);
    const b = await TestSocket.connect(url, bob.tokens.accessToken);
    await a.subscribe(channel);
    await b.subscribe(channel);
    await a.next((m) => m.event === 'presence' && m.data.userId === bob.user.id && m.data.action === 'join');
    await t.app.core.realtime.revoke(channel, bob.user.id);
    expect(await b.next((m) => m.type === 'unsubscribed')).toMatchObject({ channel, reason: 'access revoked' });
    expect(await a.next((m) => m.event === 'presence' && m.data.action === 'leave')).toMatchObject({ data: { userId: bob.user.id } });
    await t.app.core.realtime.publish(channel, 'after', {});
    await a.waitForEvents(channel, 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(b.events(channel)).toHaveLength(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('signaling', () => {
  it('relays offer/answer/ICE to the other peers of the channel, optionally to one connection, without storing it', async () => {
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const carol = await signUp(t.app);
    const channel = `room:open-${uuidv7()}`;
    const [a, b, c] = await Promise.all([alice, bob, carol].map((u) => TestSocket.connect(url, u.tokens.accessToken)));
    for (const s of [a!, b!, c!]) await s.subscribe(channel);
    a!.send({ type: 'signal', channel, data: { kind: 'offer', sdp: 'v=0 offer' } });
    for (const s of [b!, c!]) {
      expect(await s.next((m) => m.type === 'signal')).toMatchObject({
        channel,
        from: { userId: alice.user.id, connectionId: a!.connectionId },
        data: { kind: 'offer', sdp: 'v=0 offer' },
      });
    }
    b!.send({ type: 'signal', channel, to: a!.connectionId, data: { kind: 'answer', sdp: 'v=0 answer' } });
    expect(await a!.next((m) => m.type === 'signal')).toMatchObject({ from: { connectionId: b!.connectionId }, data: { kind: 'answer' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(a!.messages.filter((m) => m.type === 'signal')).toHaveLength(1);
    expect(c!.messages.filter((m) => m.type === 'signal')).toHaveLength(1);
    expect(b!.messages.filter((m) => m.type === 'signal')).toHaveLength(1);

    c!.send({ type: 'signal', channel: `room:open-${uuidv7()}`, data: { kind: 'ice' } });
    expect((await c!.next((m) => m.type === 'error')).code).toBe('realtime.not_subscribed');
    expect(await t.database.query('SELECT 1 FROM core.channel_events WHERE channel = $1', [channel])).toHaveLength(0);
    await Promise.all([a!, b!, c!].map((s) => s.close()));
  });
});

describe('slow consumers', () => {
  it('a consumer that does not read is disconnected with 4008 and a reason once its send buffer passes the limit', async () => {
    const u = await signUp(t.app);
    const channel = `user:${u.user.id}`;
    const s = await TestSocket.connect(url, u.tokens.accessToken);
    await s.subscribe(channel);
    const before = t.app.core.realtime.connectionCount();
    const raw = (s.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    raw.pause();
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 400; i++) await t.app.core.realtime.publishEphemeral(channel, 'bulk', { i, chunk });
    await new Promise((r) => setTimeout(r, 300));
    raw.resume();
    const closed = await s.closed;
    expect(closed.code).toBe(4008);
    expect(closed.reason).toContain('slow consumer');
    const received = s.messages.filter((m) => m.event === 'bulk').length;
    expect(received).toBeLessThan(400);
    await eventually(() => t.app.core.realtime.connectionCount() === before - 1, 7000, 'server dropped the connection');
  });
});

describe('notifications', () => {
  it('stores, pushes live on user:<id>, lists newest first with keyset pages, filters unread, marks read', async () => {
    const { notify } = await import('../../src/core/notifications/notifications.js');
    const alice = await signUp(t.app);
    const bob = await signUp(t.app);
    const s = await TestSocket.connect(url, alice.tokens.accessToken);
    await s.subscribe(`user:${alice.user.id}`);
    for (let i = 0; i < 25; i++) {
      clock.advance(1000);
      await notify(t.app.core, {
        userId: alice.user.id,
        type: i % 2 ? 'feedback' : 'tutor_match',
        title: `n${i}`,
        message: `message ${i}`,
        data: { i },
      });
    }
    const pushed = await s.waitForEvents(`user:${alice.user.id}`, 25);
    expect(pushed[0]).toMatchObject({
      event: 'notification.created',
      data: { title: 'n0', isRead: false, channelsSent: ['in_app', 'websocket'] },
    });

    const page1 = (await t.app.inject({ url: '/v1/notifications', headers: alice.auth })).json();
    expect(page1.items.map((n: { title: string }) => n.title)).toEqual(Array.from({ length: 20 }, (_, i) => `n${24 - i}`));
    expect(page1.unreadCount).toBe(25);
    const page2 = (await t.app.inject({ url: `/v1/notifications?cursor=${page1.nextCursor}`, headers: alice.auth })).json();
    expect(page2.items.map((n: { title: string }) => n.title)).toEqual(['n4', 'n3', 'n2', 'n1', 'n0']);
    expect(page2.nextCursor).toBeNull();

    const target = page1.items[3];
    expect((await t.app.inject({ method: 'POST', url: `/v1/notifications/${target.id}/read`, headers: bob.auth })).statusCode).toBe(404);
    const read = await t.app.inject({ method: 'POST', url: `/v1/notifications/${target.id}/read`, headers: alice.auth });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: target.id, isRead: true });
    expect((await s.next((m) => m.event === 'notification.read')).data.id).toBe(target.id);

    const unread = (await t.app.inject({ url: '/v1/notifications?unread=true&limit=100', headers: alice.auth })).json();
    expect(unread.items).toHaveLength(24);
    expect(unread.items.some((n: { id: string }) => n.id === target.id)).toBe(false);
    expect(unread.unreadCount).toBe(24);

    const all = await t.app.inject({ method: 'POST', url: '/v1/notifications/read-all', headers: alice.auth });
    expect(all.json()).toEqual({ updated: 24 });
    expect((await t.app.inject({ url: '/v1/notifications?unread=true', headers: alice.auth })).json()).toMatchObject({
      items: [],
      unreadCount: 0,
    });
    const [counts] = await t.database.query<{ total: number; unread: number; read_at_set: number }>(
      'SELECT count(*)::int AS total, count(*) FILTER (WHERE NOT is_read)::int AS unread, count(read_at)::int AS read_at_set FROM core.notifications WHERE user_id = $1',
      [alice.user.id],
    );
    expect(counts).toEqual({ total: 25, unread: 0, read_at_set: 25 });
    expect((await t.app.inject({ url: '/v1/notifications', headers: bob.auth })).json().items).toEqual([]);

    const exported = (await t.app.inject({ url: '/v1/me/export', headers: alice.auth })).json();
    expect(exported.notifications).toHaveLength(25);
    expect(exported.notifications[0]).toMatchObject({ title: 'n24', isRead: true });
    await s.close();
  });

  it('the list and the unread filter are served by their indexes on a table with many rows', async () => {
    await t.database.query(
      `INSERT INTO core.users (id, email, email_bidx, password_hash) SELECT gen_random_uuid(), 'plan', 'plan-' || g, 'x' FROM generate_series(1, 200) g`,
    );
    await t.database.query(
      `INSERT INTO core.notifications (id, user_id, type, title, message, created_at, is_read)
       SELECT gen_random_uuid(), u.id, 'system', 't', 'm', now() - g * interval '1 minute', g % 3 = 0
       FROM (SELECT id FROM core.users WHERE email_bidx LIKE 'plan-%') u, generate_series(1, 100) g`,
    );
    await t.database.query('ANALYZE core.notifications');
    const [{ id }] = (await t.database.query<{ id: string }>(`SELECT id FROM core.users WHERE email_bidx = 'plan-7'`)) as [{ id: string }];
    const plan = async (where: string) =>
      JSON.stringify(
        await t.database.query(
          `EXPLAIN (FORMAT JSON) SELECT * FROM core.notifications WHERE user_id = '${id}' ${where} ORDER BY created_at DESC, id DESC LIMIT 21`,
        ),
      );
    const all = await plan('');
    expect(all).toContain('notifications_user_created_idx');
    expect(all).not.toContain('Seq Scan');
    const unreadOnly = await plan('AND NOT is_read');
    expect(unreadOnly).toContain('notifications_user_unread_idx');
    expect(unreadOnly).not.toContain('Seq Scan');
    await t.database.query(`DELETE FROM core.users WHERE email_bidx LIKE 'plan-%'`);
  });

  it("deleting the account removes the user's notifications, channel history and connections", async () => {
    const { notify } = await import('../../src/core/notifications/notifications.js');
    const u = await signUp(t.app);
    const s = await TestSocket.connect(url, u.tokens.accessToken);
    await s.subscribe(`user:${u.user.id}`);
    await notify(t.app.core, { userId: u.user.id, type: 'system', title: 'Welcome', message: 'hello' });
    await s.waitForEvents(`user:${u.user.id}`, 1);
    const del = await t.app.inject({ method: 'DELETE', url: '/v1/me', headers: u.auth, payload: { password: u.password } });
    expect(del.statusCode).toBe(204);
    for (const [sql, params] of [
      ['SELECT 1 FROM core.notifications WHERE user_id = $1', [u.user.id]],
      ['SELECT 1 FROM core.channel_events WHERE channel = $1', [`user:${u.user.id}`]],
      ['SELECT 1 FROM core.channel_heads WHERE channel = $1', [`user:${u.user.id}`]],
      ['SELECT 1 FROM core.realtime_connections WHERE user_id = $1', [u.user.id]],
      ['SELECT 1 FROM core.presence WHERE user_id = $1', [u.user.id]],
    ] as const) {
      expect(await t.database.query(sql, [...params]), sql).toHaveLength(0);
    }
    await s.close();
  });
});
