/** A notification records `websocket` among its channels only when a connection of the user was there to receive it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { notify } from '../../src/core/notifications/notifications.js';
import { inTransaction } from '../../src/core/db/transaction.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { TestSocket } from '../support/realtime-client.js';

let t: TestApp;
let ws: string;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  ws = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
});
afterAll(async () => t?.close());

const send = (userId: string, title: string) => notify(t.app.core, { userId, type: 'system', title, message: 'hello' });
const stored = async (id: string) =>
  (await t.database.query<{ channels_sent: string[] }>('SELECT channels_sent FROM core.notifications WHERE id = $1', [id]))[0]!
    .channels_sent;

describe('channels_sent', () => {
  it('in_app and websocket while the user follows user:<id>; in_app alone when offline, after leaving, or connected elsewhere only', async () => {
    const u = await signUp(t.app);
    const offline = await send(u.user.id, 'offline');
    expect(offline.channelsSent).toEqual(['in_app']);
    expect(await stored(offline.id)).toEqual(['in_app']);

    const s = await TestSocket.connect(ws, u.tokens.accessToken);
    const connectedOnly = await send(u.user.id, 'connected, not following');
    expect(await stored(connectedOnly.id)).toEqual(['in_app']);

    await s.subscribe(`user:${u.user.id}`);
    await s.next((m) => m.event === 'presence' && m.data.action === 'join');
    const live = await send(u.user.id, 'live');
    expect(await stored(live.id)).toEqual(['in_app', 'websocket']);
    expect((await s.next((m) => m.event === 'notification.created' && m.data.title === 'live')).data.channelsSent).toEqual([
      'in_app',
      'websocket',
    ]);

    await s.close();
    // The server hears the close a moment later (on PostgreSQL its presence row goes in a transaction of its own).
    for (let i = 0; i < 200 && (await t.app.core.realtime.presence(`user:${u.user.id}`)).length; i++)
      await new Promise((r) => setTimeout(r, 25));
    const after = await send(u.user.id, 'after');
    expect(await stored(after.id)).toEqual(['in_app']);
  });

  it('inside a product transaction as well', async () => {
    const u = await signUp(t.app);
    const s = await TestSocket.connect(ws, u.tokens.accessToken);
    await s.subscribe(`user:${u.user.id}`);
    await s.next((m) => m.event === 'presence' && m.data.action === 'join');
    const n = await inTransaction(t.app.core.db, (tx, afterCommit) =>
      notify(t.app.core, { userId: u.user.id, type: 'system', title: 'in tx', message: 'hi' }, { tx, afterCommit }),
    );
    expect(await stored(n.id)).toEqual(['in_app', 'websocket']);
    await s.close();
  });
});
