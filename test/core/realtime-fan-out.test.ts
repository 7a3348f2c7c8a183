import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { createMemoryBus, createRedisBus, type Bus } from '../../src/core/realtime/bus.js';
import { defineProduct } from '../../src/core/product.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { TestSocket, type Message } from '../support/realtime-client.js';

/**
 * `room:<user id>.<n>` is open to that user only, decided per subscribe like a product's rooms; `probe.final` publishes
 * on one of them from a sender's socket and is acked with the event's number, as a transcript stream is.
 */
const probe = defineProduct({
  name: 'probe',
  channels: [{ kind: 'room', authorize: async (_core, user, id) => id.startsWith(`${user.id}.`) }],
  messages: [
    {
      type: 'probe.final',
      handle: async (core, _sender, msg) => ({
        seq: (await core.realtime.publish(String(msg.channel), 'transcript.final', { n: msg.n })).seq,
      }),
    },
  ],
});

const CHANNELS = 200;
const EVENTS_PER_CHANNEL = 3;
/** Generous: on a quiet machine the whole test takes a few seconds, on a loaded shared one several times that. */
const WAIT_MS = 30_000;

let t: TestApp;
let b: FastifyInstance;
const buses: Bus[] = [];
let urlA: string;
let urlB: string;

// Two instances on one database; with REDIS_URL they exchange events through Redis, as two processes would.
beforeAll(async () => {
  const redisUrl = (await import('../../src/config.js')).loadConfig().redisUrl;
  const topic = `talkbase:test:fan-out:${uuidv7()}`;
  if (redisUrl) buses.push(await createRedisBus(redisUrl, { topic }), await createRedisBus(redisUrl, { topic }));
  else buses.push(createMemoryBus());
  t = await createTestApp({ deps: { products: [probe], bus: buses[0]! } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  urlA = `ws://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/v1/realtime`;
  b = await buildApp(t.config, {
    database: t.database,
    keyring: t.keyring,
    bus: buses.at(-1)!,
    products: [probe],
    migrate: false,
    logger: false,
  });
  await b.listen({ port: 0, host: '127.0.0.1' });
  urlB = `ws://127.0.0.1:${(b.server.address() as AddressInfo).port}/v1/realtime`;
}, 60_000);

afterAll(async () => {
  await b?.close();
  await t?.close();
  for (const bus of buses) await bus.close();
});

describe('one connection following the most channels it may', () => {
  it('auth and 201 subscribes sent at once: authenticated, 200 subscribed, the 201st refused naming the limit, then every event a sender on the other instance publishes to the 200, in order', async () => {
    const supervisor = await signUp(t.app);
    const channels = Array.from({ length: CHANNELS + 1 }, (_, n) => `room:${supervisor.user.id}.${n}`);
    const socket = await TestSocket.open(urlB);
    // As a console does on connect: everything at once, without waiting for answers.
    socket.send({ type: 'auth', token: supervisor.tokens.accessToken });
    for (const channel of channels) socket.send({ type: 'subscribe', channel });

    expect((await socket.next((m) => m.type === 'authenticated' || m.type === 'error', WAIT_MS)).type).toBe('authenticated');
    const answers: Message[] = [];
    for (const channel of channels)
      answers.push(await socket.next((m) => m.channel === channel && (m.type === 'subscribed' || m.type === 'error'), WAIT_MS));
    expect(answers.slice(0, CHANNELS).map((m) => m.type)).toEqual(Array(CHANNELS).fill('subscribed'));
    const refused = answers[CHANNELS]!;
    expect(refused).toMatchObject({ type: 'error', code: 'realtime.too_many_subscriptions', channel: channels[CHANNELS] });
    expect(refused.message).toContain(String(CHANNELS));

    // A sender on the other instance: each round, one message per channel sent at once, then their acks.
    const followed = channels.slice(0, CHANNELS);
    const sender = await TestSocket.connect(urlA, supervisor.tokens.accessToken);
    for (let n = 1; n <= EVENTS_PER_CHANNEL; n++) {
      followed.forEach((channel, i) => sender.send({ type: 'probe.final', ref: n * 1000 + i, channel, n }));
      const acks = await Promise.all(followed.map((_, i) => sender.next((m) => m.ref === n * 1000 + i, WAIT_MS)));
      expect(acks.map((m) => [m.type, m.seq])).toEqual(followed.map(() => ['ack', n]));
    }
    for (const channel of followed) {
      const events = await socket.waitForEvents(channel, EVENTS_PER_CHANNEL, WAIT_MS);
      expect(events.map((m) => [m.seq, m.data.n])).toEqual(Array.from({ length: EVENTS_PER_CHANNEL }, (_, i) => [i + 1, i + 1]));
    }
    expect(socket.events(channels[CHANNELS]!)).toEqual([]);
    expect(socket.messages.filter((m) => m.type === 'error')).toEqual([refused]);
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);

    const [stored] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM core.channel_events WHERE channel LIKE $1', [
      `room:${supervisor.user.id}.%`,
    ]);
    expect(stored!.n).toBe(CHANNELS * EVENTS_PER_CHANNEL);
    await Promise.all([socket.close(), sender.close()]);
  }, 90_000);
});
