/**
 * A reply is written on the instance that received the message; a stop may arrive at any other instance,
 * which reaches the writing one through the bus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createMemoryBus, createRedisBus, type Bus } from '../../src/core/realtime/bus.js';
import { chatProduct } from '../../src/products/chat/index.js';
import { seedPersonas } from '../../src/products/chat/personas.js';
import { createTestDatabase, signUp, testConfig, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { generateKeyring } from '../../src/core/crypto/keyring.js';
import { chatThrough, startCompatibleServer } from '../support/openai-compatible-server.js';

const keyring = generateKeyring();
let testDb: TestDatabase;
let bus: Bus;
let slow: Awaited<ReturnType<typeof startCompatibleServer>>;
let writer: FastifyInstance;
let other: FastifyInstance;

/** Redis where there is one (as deployed), else the in-process bus. */
async function sharedBus(): Promise<Bus> {
  if (usingPostgres()) return createRedisBus(loadConfig().redisUrl ?? 'redis://127.0.0.1:6379', { topic: `talkbase:test:${uuidv7()}` });
  return createMemoryBus();
}

async function instance(): Promise<FastifyInstance> {
  const app = await buildApp(testConfig(chatThrough(testConfig(), slow.url)), {
    logger: false,
    database: testDb.database,
    keyring,
    bus,
    products: [chatProduct],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  bus = await sharedBus();
  slow = await startCompatibleServer({ tokenDelayMs: 40, reply: Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ') });
  writer = await instance();
  other = await instance();
  await seedPersonas(writer.core.forProducts);
});
afterAll(async () => {
  await writer?.close();
  await other?.close();
  await bus?.close();
  await slow?.close();
  await testDb?.drop();
});

/** The SSE events of a streamed reply, calling `atThirdToken` once on the way. */
async function readEvents(res: Response, atThirdToken: () => Promise<void>) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: { event: string; data: any }[] = [];
  let buffer = '';
  for (let tokens = 0; ;) {
    const { value, done } = await reader.read();
    if (done) return events;
    buffer += decoder.decode(value, { stream: true });
    for (let idx; (idx = buffer.indexOf('\n\n')) >= 0;) {
      const block = buffer.slice(0, idx);
      buffer = buffer.slice(idx + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      if (!event) continue;
      events.push({ event, data: JSON.parse(/^data: (.*)$/m.exec(block)![1]!) });
      if (event === 'token' && ++tokens === 3) await atThirdToken();
    }
  }
}

describe('stopping a reply from another instance', () => {
  it('stops the stream on the instance writing it and keeps what arrived as an unfinished reply', async () => {
    const u = await signUp(writer);
    const conv = (
      await writer.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    const port = (writer.server.address() as { port: number }).port;
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat/conversations/${conv.id}/messages`, {
      method: 'POST',
      headers: { ...u.auth, 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ content: 'Tell me a long story' }),
    });
    const stops: number[] = [];
    const events = await readEvents(res, async () => {
      const stop = await other.inject({ method: 'POST', url: `/v1/chat/conversations/${conv.id}/stop`, headers: u.auth });
      expect(stop.statusCode).toBe(200);
      stops.push(stop.json().stopped as number);
    });
    expect(stops).toEqual([1]);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    expect(done.data.unfinished).toBe(true);
    expect(done.data.content.split(' ').length).toBeLessThan(60);
    const [row] = await testDb.database.query<{ unfinished: boolean }>('SELECT unfinished FROM chat.messages WHERE id = $1', [
      done.data.id,
    ]);
    expect(row!.unfinished).toBe(true);
  });

  it('answers 0 when no reply is being written, and 404 for another user’s conversation', async () => {
    const u = await signUp(writer);
    const stranger = await signUp(writer);
    const conv = (
      await writer.inject({ method: 'POST', url: '/v1/chat/conversations', headers: u.auth, payload: { personaId: 'education-tutor' } })
    ).json() as { id: string };
    const idle = await other.inject({ method: 'POST', url: `/v1/chat/conversations/${conv.id}/stop`, headers: u.auth });
    expect(idle.json()).toEqual({ stopped: 0 });
    const refused = await other.inject({ method: 'POST', url: `/v1/chat/conversations/${conv.id}/stop`, headers: stranger.auth });
    expect(refused.statusCode).toBe(404);
  });
});
