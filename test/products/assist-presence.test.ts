/**
 * Assist peers follow their connections: a peer whose last connection to `room:<id>` drops is marked left, so a room
 * everyone dropped out of is ended by the abandoned-room rule; a peer reconnecting while the room goes on is back in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../src/core/time/clock.js';
import { assistProduct } from '../../src/products/assist/index.js';
import { endEmptyRooms } from '../../src/products/assist/rooms.js';
import { eventually, TestSocket } from '../support/realtime-client.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let ws: string;
let admin: Awaited<ReturnType<typeof signUp>>;
type Auth = typeof admin;

beforeAll(async () => {
  t = await createTestApp({
    config: { productEnvironment: { ASSIST_EMPTY_ROOM_SECONDS: '1' } },
    deps: { products: [assistProduct], clock: systemClock },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  ws = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  admin = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
});
afterAll(async () => t?.close());

let agents = 0;
async function roomWithPeers() {
  const agent = await signUp(t.app);
  const code = `P-${++agents}`;
  const made = await t.app.inject({
    method: 'POST',
    url: '/v1/assist/agents',
    headers: admin.auth,
    payload: { userId: agent.user.id, agentCode: code, agentName: `Agent ${code}` },
  });
  expect(made.statusCode, made.body).toBe(201);
  const room = (
    await t.app.inject({ method: 'POST', url: '/v1/assist/rooms', headers: agent.auth, payload: { roomName: 'Outage' } })
  ).json();
  const customer = await signUp(t.app);
  await join(agent, room.id, { nickname: 'Agent' });
  await join(customer, room.id, { nickname: 'Caller', joinCode: room.joinCode });
  return { agent, customer, room: room as { id: string; joinCode: string } };
}

async function join(u: Auth, roomId: string, payload: Record<string, string>) {
  const res = await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${roomId}/join`, headers: u.auth, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

async function follow(u: Auth, roomId: string) {
  const s = await TestSocket.connect(ws, u.tokens.accessToken);
  const answer = await s.subscribe(`room:${roomId}`);
  return { s, answer };
}

const peerRows = (roomId: string, userId: string) =>
  t.database.query<{ left_at: Date | null; left_reason: string | null; peer_id: string; nickname: string; role: string }>(
    'SELECT left_at, left_reason, peer_id, nickname, role FROM assist.peers WHERE room_id = $1 AND user_id = $2 ORDER BY joined_at, id',
    [roomId, userId],
  );
const roomState = async (id: string) =>
  (
    await t.database.query<{ status: string; empty_since: Date | null }>('SELECT status, empty_since FROM assist.rooms WHERE id = $1', [id])
  )[0]!;

describe('assist peers and their connections', () => {
  it('everyone’s connection drops: each peer is marked left, and the abandoned-room rule ends the room', async () => {
    const { agent, customer, room } = await roomWithPeers();
    const a = await follow(agent, room.id);
    const c = await follow(customer, room.id);
    await c.s.close();
    const left = await a.s.next((m) => m.event === 'peer.left');
    expect(left.data).toMatchObject({ userId: customer.user.id, nickname: 'Caller' });
    expect((await peerRows(room.id, customer.user.id)).map((p) => p.left_reason)).toEqual(['connection_lost']);
    expect((await roomState(room.id)).empty_since).toBeNull();

    await a.s.close();
    await eventually(async () => (await roomState(room.id)).empty_since !== null, 5000, 'the room empty');
    expect((await peerRows(room.id, agent.user.id)).map((p) => p.left_reason)).toEqual(['connection_lost']);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await endEmptyRooms(t.app.core.forProducts)).toBeGreaterThanOrEqual(1);
    expect((await roomState(room.id)).status).toBe('ended');
  });

  it('a peer reconnecting while the room goes on is back in the room, as the same peer', async () => {
    const { agent, customer, room } = await roomWithPeers();
    const a = await follow(agent, room.id);
    const c = await follow(customer, room.id);
    await c.s.close();
    await a.s.next((m) => m.event === 'peer.left');
    const again = await follow(customer, room.id);
    expect(again.answer.type).toBe('subscribed');
    expect(await a.s.next((m) => m.event === 'peer.joined')).toMatchObject({ data: { userId: customer.user.id, nickname: 'Caller' } });
    const rows = await peerRows(room.id, customer.user.id);
    expect(rows.map((p) => [p.left_at === null, p.left_reason, p.nickname, p.role])).toEqual([
      [false, 'connection_lost', 'Caller', 'customer'],
      [true, null, 'Caller', 'customer'],
    ]);
    expect(rows[0]!.peer_id).toBe(rows[1]!.peer_id);
    await again.s.close();
    await a.s.close();
  });

  it('a second tab keeps the peer in the room; someone who left through the API cannot come back by connecting', async () => {
    const { agent, customer, room } = await roomWithPeers();
    const first = await follow(customer, room.id);
    const second = await follow(customer, room.id);
    await first.s.close();
    await new Promise((r) => setTimeout(r, 300));
    expect((await peerRows(room.id, customer.user.id)).map((p) => p.left_at)).toEqual([null]);

    expect((await t.app.inject({ method: 'POST', url: `/v1/assist/rooms/${room.id}/leave`, headers: customer.auth })).statusCode).toBe(200);
    await second.s.close();
    const back = await follow(customer, room.id);
    expect(back.answer).toMatchObject({ type: 'error', code: 'realtime.channel_not_found' });
    await back.s.close();
    // The agent is still in; the room is not empty.
    expect((await peerRows(room.id, agent.user.id)).map((p) => p.left_at)).toEqual([null]);
  });
});
