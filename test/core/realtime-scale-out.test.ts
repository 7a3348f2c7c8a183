import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.js';
import { createRedisBus, type Bus } from '../../src/core/realtime/bus.js';
import { generateKeyring, serializeKeyring } from '../../src/core/crypto/keyring.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { eventually, TestSocket } from '../support/realtime-client.js';

const redisUrl = loadConfig().redisUrl ?? 'redis://127.0.0.1:6379';
const children: ChildProcess[] = [];
let testDb: TestDatabase | null = null;

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await testDb?.drop();
});

async function startInstance(env: Record<string, string>): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/realtime-instance.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('instance did not start within 40 s')), 40_000);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^LISTENING (\d+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, base: `127.0.0.1:${port}` };
}

describe('Redis bus driver', () => {
  it('a message published on one connection reaches the handlers of another, in order', async (ctx) => {
    const topic = `talkbase:test:${uuidv7()}`;
    let one: Bus;
    try {
      one = await createRedisBus(redisUrl, { topic });
    } catch {
      ctx.skip(true, `no Redis at ${redisUrl}`);
      return;
    }
    const two = await createRedisBus(redisUrl, { topic });
    const got: unknown[] = [];
    two.subscribe((channel, message) => got.push([channel, message]));
    for (let i = 0; i < 20; i++) await one.publish('room:x', { i });
    await eventually(() => got.length === 20, 3000, '20 messages');
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => ['room:x', { i }]));
    await one.close();
    await two.close();
  });
});

describe.skipIf(!usingPostgres())(
  'two server processes on one PostgreSQL and one Redis (needs DATABASE_URL; on PGlite the in-process variant in realtime.test.ts covers it)',
  () => {
    it('an event published through process A reaches a client subscribed on process B; presence of a killed process expires', async () => {
      testDb = await createTestDatabase();
      const env = {
        DATABASE_URL: testDb.url!,
        REDIS_URL: redisUrl,
        TALKBASE_KEYS: serializeKeyring(generateKeyring()),
        LOG_LEVEL: 'silent',
        TALKBASE_WS_HEARTBEAT_SECONDS: '1',
        TALKBASE_WS_PRESENCE_TTL_SECONDS: '5',
        TALKBASE_DB_POOL_SIZE: '4',
      };
      const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);

      const registered = await fetch(`http://${a.base}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `scale-${uuidv7()}@example.com`, password: 'correct horse battery' }),
      });
      expect(registered.status).toBe(201);
      const { user, tokens } = (await registered.json()) as { user: { id: string }; tokens: { accessToken: string } };
      const auth = { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' };
      const channel = `room:${uuidv7()}`;

      const onB = await TestSocket.connect(`ws://${b.base}/v1/realtime`, tokens.accessToken);
      const onA = await TestSocket.connect(`ws://${a.base}/v1/realtime`, tokens.accessToken);
      expect((await onB.subscribe(channel)).type).toBe('subscribed');
      expect((await onA.subscribe(channel)).type).toBe('subscribed');

      const published = await fetch(`http://${a.base}/v1/probe/publish`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ channel, event: 'hello', data: { from: 'A' } }),
      });
      expect(await published.json()).toEqual({ seq: 1 });
      expect((await onB.waitForEvents(channel, 1))[0]).toMatchObject({ seq: 1, event: 'hello', data: { from: 'A' } });

      await fetch(`http://${b.base}/v1/probe/publish`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ channel, event: 'hello', data: { from: 'B' } }),
      });
      expect((await onA.waitForEvents(channel, 2)).map((m) => m.data.from)).toEqual(['A', 'B']);

      const presence = async () => {
        const res = await fetch(`http://${a.base}/v1/realtime/presence/${channel}`, { headers: auth });
        return ((await res.json()) as { members: { userId: string; connectionIds: string[] }[] }).members;
      };
      expect((await presence())[0]).toMatchObject({ userId: user.id });
      expect((await presence())[0]!.connectionIds.sort()).toEqual([onA.connectionId, onB.connectionId].sort());

      b.child.kill('SIGKILL');
      const leave = await onA.next((m) => m.event === 'presence' && m.data.action === 'leave', 15_000);
      expect(leave.data).toEqual({ action: 'leave', userId: user.id, connectionId: onB.connectionId });
      expect((await presence())[0]!.connectionIds).toEqual([onA.connectionId]);
      await onA.close();
    }, 60_000);
  },
);
