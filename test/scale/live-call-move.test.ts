import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import S3rver from 's3rver';
import { loadConfig } from '../../src/config.js';
import { generateKeyring, serializeKeyring } from '../../src/core/crypto/keyring.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { TestSocket, type Message } from '../support/realtime-client.js';
import { ScaleProxy } from '../support/scale-proxy.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { waitFor, waitForValue } from '../support/wait-for.js';
import { toneWav } from '../../src/products/calls/seed.js';

const redisUrl = loadConfig().redisUrl ?? 'redis://127.0.0.1:6379';
const BUCKET = 'talkbase-scale';

let testDb: TestDatabase | null = null;
let proxy: ScaleProxy | null = null;
let s3: S3rver | null = null;
const servers: ServerProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(servers.map((s) => s.kill()));
  await proxy?.close();
  await s3?.close();
  await testDb?.drop();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const callEvents = (socket: TestSocket, channel: string) =>
  socket.events(channel).map((m) => ({ seq: m.seq as number, event: m.event as string }));

describe.skipIf(!usingPostgres())(
  'a live call moves between two talkbase serve processes behind a proxy (needs DATABASE_URL for PostgreSQL and Redis; PGlite is one process)',
  () => {
    it('the caller’s connection moves A → B → A → B (two dropped by the proxy, then A killed); each time it reconnects through the proxy, gets what it missed once and in order, talks on and hangs up', async () => {
      testDb = await createTestDatabase();
      const s3Dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-scale-s3-'));
      dirs.push(s3Dir);
      s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: BUCKET }] });
      const { port: s3Port } = await s3.run();

      const [portA, portB] = [await freePort(), await freePort()];
      proxy = await ScaleProxy.start(
        [
          { name: 'A', port: portA },
          { name: 'B', port: portB },
        ],
        { healthIntervalMs: 500 },
      );
      // What deploy/docker-compose.yml gives every instance: one database, one Redis, one keyring, one bucket, the proxy's URL.
      const shared = {
        DATABASE_URL: testDb.url!,
        REDIS_URL: redisUrl,
        TALKBASE_KEYS: serializeKeyring(generateKeyring()),
        TALKBASE_PUBLIC_URL: proxy.url,
        S3_BUCKET: BUCKET,
        S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
        S3_ACCESS_KEY_ID: 'S3RVER',
        S3_SECRET_ACCESS_KEY: 'S3RVER',
        S3_FORCE_PATH_STYLE: 'true',
        TALKBASE_PRODUCTS: 'calls',
        TALKBASE_BCRYPT_COST: '4',
        TALKBASE_DB_POOL_SIZE: '4',
        TALKBASE_WS_HEARTBEAT_SECONDS: '2',
        TALKBASE_WS_PRESENCE_TTL_SECONDS: '5',
        AI_OFFLINE_TRAINING_STEP_MS: '200',
        LOG_LEVEL: 'warn',
      };
      // Each instance has its own data directory: nothing on local disk is shared.
      const dataDir = () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-scale-data-'));
        dirs.push(dir);
        return dir;
      };
      const [a, b] = await Promise.all([
        startServerProcess(portA, { ...shared, TALKBASE_DATA_DIR: dataDir() }),
        startServerProcess(portB, { ...shared, TALKBASE_DATA_DIR: dataDir() }),
      ]);
      servers.push(a, b);
      await proxy.checkHealth();
      expect([proxy.healthy('A'), proxy.healthy('B')]).toEqual([true, true]);

      // Everything below goes through the proxy, as a client of the deployment would.
      const base = proxy.url;
      const wsUrl = `ws://127.0.0.1:${proxy.port}/v1/realtime`;
      const registered = await fetch(`${base}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `mover-${uuidv7()}@example.com`, password: 'correct horse battery' }),
      });
      expect(registered.status).toBe(201);
      const { user, tokens } = (await registered.json()) as { user: { id: string }; tokens: { accessToken: string } };
      const auth = { authorization: `Bearer ${tokens.accessToken}` };
      const api = async <T = Record<string, any>>(method: string, url: string, body?: unknown, expected = [200, 201, 202]): Promise<T> => {
        const res = await fetch(`${base}${url}`, {
          method,
          headers: body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        if (!expected.includes(res.status)) throw new Error(`${method} ${url} answered ${res.status}: ${text}`);
        return (text ? JSON.parse(text) : null) as T;
      };

      // A persona with a trained voice. The recording is uploaded through A and read back through B (one bucket);
      // the training webhook comes back through the proxy to whichever instance it lands on.
      const persona = await api('POST', '/v1/calls/personas', {
        name: 'Grandma Rose',
        phoneNumber: '+82 10-5555-0101',
        relationship: 'grandmother',
        memo: 'She grew tomatoes every summer and always asked whether I had eaten.',
      });
      const recording = toneWav(0.5);
      proxy.route.http = 'A';
      const uploaded = await fetch(`${base}/v1/calls/personas/${persona.id}/voice-files`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'audio/wav', 'x-file-name': 'voicemail.wav' },
        body: new Uint8Array(recording),
      });
      expect(uploaded.status).toBe(201);
      const voice = (await uploaded.json()) as { fileId: string };
      proxy.route.http = 'B';
      const download = await fetch(`${base}/v1/files/${voice.fileId}/content`, { headers: auth });
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(recording)).toBe(true);
      expect(proxy.log.filter((l) => l.path.includes(voice.fileId)).map((l) => l.backend)).toEqual(['B']);
      proxy.route.http = 'round-robin';
      await api('PUT', `/v1/calls/personas/${persona.id}/consent`, { voiceOwner: 'Rose Kim', statement: 'I am her grandchild.' });
      await api('POST', `/v1/calls/personas/${persona.id}/training`);
      await waitForValue(
        'the persona’s training to complete',
        async () => (await api('GET', `/v1/calls/personas/${persona.id}`)).learningStatus === 'COMPLETED',
        60_000,
      );
      expect(proxy.log.some((l) => l.path === '/v1/webhooks/engine' && l.status === 200)).toBe(true);

      // The call. The caller's socket goes to A; the caller's second device follows the call on B.
      const call = await api('POST', '/v1/calls/sessions', { personaId: persona.id });
      const channel = `call:${call.id}`;
      proxy.route.websocket = 'A';
      let caller = await TestSocket.connect(wsUrl, tokens.accessToken);
      expect((await caller.subscribe(channel, 0)).type).toBe('subscribed');
      const callerSockets = [caller];
      proxy.route.websocket = 'B';
      const device = await TestSocket.connect(wsUrl, tokens.accessToken);
      expect((await device.subscribe(channel, 0)).type).toBe('subscribed');
      const websockets = () => proxy!.log.filter((l) => l.kind === 'websocket');
      expect(websockets().map((l) => [l.websocket, l.backend])).toEqual([
        [0, 'A'],
        [1, 'B'],
      ]);

      const said: string[] = [];
      const say = async (text: string) => {
        said.push(text);
        const exchange = await api('POST', `/v1/calls/sessions/${call.id}/turns`, { text });
        expect(exchange.personaTurn.text.length).toBeGreaterThan(0);
        return exchange;
      };
      const httpBefore = proxy.log.length;
      expect((await api('POST', `/v1/calls/sessions/${call.id}/dial`)).status).toBe('CONNECTING');
      expect((await api('POST', `/v1/calls/sessions/${call.id}/answer`)).status).toBe('ACTIVE');
      await say('Hi Grandma, it is me. I planted tomatoes this year.');
      await say('Yes, I have eaten. I miss your cooking.');
      // Round robin: the call's requests were served by both instances.
      expect(new Set(proxy.log.slice(httpBefore).map((l) => l.backend))).toEqual(new Set(['A', 'B']));
      // INIT, CONNECTING, ACTIVE, then a user and a persona turn per exchange.
      expect((await caller.waitForEvents(channel, 7)).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);

      /**
       * The caller's socket is lost (`lose`); while it is away the call goes on through HTTP, so it misses
       * that exchange; it reconnects through the proxy, lands on `lands`, and resumes from its last seq.
       */
      const moveCaller = async (lose: () => Promise<void>, route: string, lands: string, words: string) => {
        const lastSeq = callerSockets.flatMap((s) => callEvents(s, channel)).at(-1)!.seq;
        await lose();
        expect((await caller.closed).code).toBe(1006);
        await say(words);
        proxy!.route.websocket = route;
        caller = await TestSocket.connect(wsUrl, tokens.accessToken);
        callerSockets.push(caller);
        expect(websockets().at(-1)!.backend).toBe(lands);
        expect(await caller.subscribe(channel, lastSeq)).toMatchObject({ type: 'subscribed', seq: lastSeq + 2 });
        const replayed = await caller.waitForEvents(channel, 2);
        expect(replayed.map((m: Message) => [m.seq, m.event, m.data.speaker])).toEqual([
          [lastSeq + 1, 'turn.created', 'user'],
          [lastSeq + 2, 'turn.created', 'persona'],
        ]);
        expect(replayed[0]!.data.text).toBe(words);
      };

      // 1. The proxy drops the caller's connection to A (A keeps running); the caller comes back on B.
      //    A notices the socket is gone: the device on B sees the old connection leave the call.
      const firstConnection = caller.connectionId;
      await moveCaller(async () => proxy!.cutWebSocket(0), 'B', 'B', 'Sorry, the line dropped. Can you hear me now?');
      const left = await device.next((m) => m.event === 'presence' && m.data.connectionId === firstConnection, 15_000);
      expect(left.data).toMatchObject({ action: 'leave', userId: user.id });

      // 2. The same from B back to A.
      await moveCaller(async () => proxy!.cutWebSocket(2), 'A', 'A', 'It keeps cutting out. I wanted to tell you about the garden.');

      // 3. Instance A dies with the caller on it (SIGKILL: no close frame, nothing flushed). The proxy
      //    still routes to A first, finds it gone, and sends the caller to B.
      await moveCaller(
        async () => {
          await a.kill();
          await waitFor(() => !proxy!.healthy('A'), 10_000, 'the proxy to mark A down');
        },
        'A',
        'B',
        'Are you still there? The line went quiet for a moment.',
      );
      expect(a.child.signalCode).toBe('SIGKILL');

      // The call goes on from B and ends there.
      await say('I love you, Grandma. Talk to you on Sunday.');
      const ended = await api('POST', `/v1/calls/sessions/${call.id}/hangup`);
      expect(ended).toMatchObject({ status: 'ENDED', endedReason: 'user_hangup' });
      // INIT, CONNECTING, ACTIVE, six exchanges, ENDED.
      await caller.waitForEvents(channel, 5);
      const seen = callerSockets.flatMap((s) => callEvents(s, channel));
      // No gap and no duplicate across three moves: 1..16 exactly once each, over four sockets.
      expect(seen.map((e) => e.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
      expect(seen.at(-1)).toEqual({ seq: 16, event: 'call.status' });
      expect(callerSockets.map((s) => callEvents(s, channel).length)).toEqual([7, 2, 2, 5]);

      // The second device on B never reconnected and saw the same sixteen events, in order.
      await device.waitForEvents(channel, 16);
      expect(callEvents(device, channel)).toEqual(seen);
      expect(device.messages.filter((m) => m.type === 'authenticated')).toHaveLength(1);

      // What the database holds: the one call, ENDED by the user, with all twelve turns in order and its log.
      const db = testDb.database;
      const sessions = await db.query<{ id: string; status: string; ended_reason: string; started_at: Date | null; ended_at: Date | null }>(
        'SELECT id, status, ended_reason, started_at, ended_at FROM calls.call_sessions WHERE user_id = $1',
        [user.id],
      );
      expect(sessions).toHaveLength(1);
      expect(sessions[0]).toMatchObject({ id: call.id, status: 'ENDED', ended_reason: 'user_hangup' });
      expect(sessions[0]!.started_at).not.toBeNull();
      const turns = await db.query<{ seq: number; speaker: string; text: string }>(
        'SELECT seq, speaker, text FROM calls.call_turns WHERE call_session_id = $1 ORDER BY seq',
        [call.id],
      );
      expect(turns.map((t) => t.seq)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      expect(turns.map((t) => t.speaker)).toEqual(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'user' : 'persona')));
      expect(turns.filter((t) => t.speaker === 'user').map((t) => t.text)).toEqual(said);
      expect(said).toHaveLength(6);
      const logs = await db.query<{ call_session_id: string; ended_reason: string; duration_seconds: number }>(
        'SELECT call_session_id, ended_reason, duration_seconds FROM calls.call_logs WHERE user_id = $1',
        [user.id],
      );
      expect(logs).toEqual([{ call_session_id: call.id, ended_reason: 'user_hangup', duration_seconds: expect.any(Number) }]);
      const stored = await db.query<{ seq: string | number; event: string }>(
        'SELECT seq, event FROM core.channel_events WHERE channel = $1 ORDER BY seq',
        [channel],
      );
      expect(stored.map((e) => ({ seq: Number(e.seq), event: e.event }))).toEqual(seen);

      await caller.close();
      await device.close();
    }, 240_000);
  },
);
