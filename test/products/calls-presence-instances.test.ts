/**
 * Calls stay honest across instances and restarts: presence lives in the database and the check that ends a call
 * is a durable job, so the instance that ends it need not be the one the owner was connected to.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateKeyring } from '../../src/core/crypto/keyring.js';
import { openDatabase, type Database } from '../../src/core/db/database.js';
import { uuidv7 } from '../../src/core/db/ids.js';
import { createMemoryBus, createRedisBus, type Bus } from '../../src/core/realtime/bus.js';
import { systemClock } from '../../src/core/time/clock.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { endLostCalls } from '../../src/products/calls/call-presence.js';
import { TestSocket } from '../support/realtime-client.js';
import { createTestDatabase, signUp, testConfig, usingPostgres, type TestDatabase } from '../support/test-app.js';
import { waitFor } from './calls-setup.js';

const GRACE_S = 3;
const keyring = generateKeyring();
const opened: { app: FastifyInstance; database: Database | null }[] = [];
const buses: Bus[] = [];
let testDb: TestDatabase;

afterEach(async () => {
  for (const { app, database } of opened.splice(0)) {
    await app.close().catch(() => undefined);
    await database?.close();
  }
  for (const bus of buses.splice(0)) await bus.close();
  await testDb?.drop();
});

/** One bus for the instances of a test: Redis where there is one (as deployed), else in-process. */
async function sharedBus(): Promise<Bus> {
  if (usingPostgres()) {
    try {
      const bus = await createRedisBus(loadConfig().redisUrl ?? 'redis://127.0.0.1:6379', { topic: `talkbase:test:${uuidv7()}` });
      buses.push(bus);
      return bus;
    } catch {
      // No Redis: the in-process bus still makes two instances of one process.
    }
  }
  const bus = createMemoryBus();
  buses.push(bus);
  return bus;
}

/** An instance of the server on the shared database: on PostgreSQL with its own pool, as another process would have. */
async function instance(bus: Bus) {
  const database = usingPostgres() ? await openDatabase({ kind: 'postgres', url: testDb.url!, poolSize: 5 }) : testDb.database;
  const app = await buildApp(
    testConfig({
      productEnvironment: { CALLS_DISCONNECT_GRACE_SECONDS: String(GRACE_S) },
      realtime: { heartbeatMs: 1_000, sendBufferBytes: 1024 * 1024, presenceTtlMs: 3_000, authTimeoutMs: 30_000 },
    }),
    { database, keyring, bus, clock: systemClock, products: [callsProduct], logger: false, jobs: { pollingSeconds: 1 } },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  opened.push({ app, database: usingPostgres() ? database : null });
  return { app, ws: `ws://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/realtime` };
}

type Auth = Awaited<ReturnType<typeof signUp>>;

/** An ACTIVE call to a persona whose training is marked done in the database (training itself is not under test here). */
async function activeCall(app: FastifyInstance, u: Auth) {
  const persona = await app.inject({
    method: 'POST',
    url: '/v1/calls/personas',
    headers: u.auth,
    payload: { name: 'Grandpa Joe', phoneNumber: `+82 10-7777-${Math.floor(Math.random() * 9000) + 1000}` },
  });
  expect(persona.statusCode, persona.body).toBe(201);
  await app.core.database.query(`UPDATE calls.personas SET learning_status = 'COMPLETED' WHERE id = $1`, [persona.json().id]);
  const call = await app.inject({ method: 'POST', url: '/v1/calls/sessions', headers: u.auth, payload: { personaId: persona.json().id } });
  const id = call.json().id as string;
  await app.inject({ method: 'POST', url: `/v1/calls/sessions/${id}/dial`, headers: u.auth });
  const answered = await app.inject({ method: 'POST', url: `/v1/calls/sessions/${id}/answer`, headers: u.auth });
  expect(answered.json().status).toBe('ACTIVE');
  return { id, personaId: persona.json().id as string };
}

const callRow = async (database: Database, id: string) =>
  (
    await database.query<{ status: string; ended_reason: string | null }>(
      'SELECT status, ended_reason FROM calls.call_sessions WHERE id = $1',
      [id],
    )
  )[0]!;

/** A signed-in socket; waits longer than the shared helper, as two instances on one embedded database are slow on a busy machine. */
async function connect(ws: string, u: Auth) {
  const socket = await TestSocket.open(ws);
  socket.send({ type: 'auth', token: u.tokens.accessToken });
  expect((await socket.next((m) => m.type === 'authenticated' || m.type === 'error', 30_000)).type).toBe('authenticated');
  return socket;
}

async function subscribe(socket: TestSocket, callId: string) {
  socket.send({ type: 'subscribe', channel: `call:${callId}` });
  const answer = await socket.next((m) => m.channel === `call:${callId}` && (m.type === 'subscribed' || m.type === 'error'), 30_000);
  expect(answer.type).toBe('subscribed');
}

async function follow(ws: string, u: Auth, callId: string) {
  const socket = await connect(ws, u);
  await subscribe(socket, callId);
  return socket;
}

describe('calls and presence across instances', { timeout: 180_000 }, () => {
  it('the owner moves from instance A to B inside the grace: the call resumes; leaving B ends it', async () => {
    testDb = await createTestDatabase();
    const bus = await sharedBus();
    const a = await instance(bus);
    const b = await instance(bus);
    const u = await signUp(a.app);
    const call = await activeCall(a.app, u);
    const onA = await follow(a.ws, u, call.id);
    // Open before A closes, so only the subscribe has to fit in the grace on a busy machine.
    const onB = await connect(b.ws, u);
    await onA.close();
    await subscribe(onB, call.id);
    await new Promise((r) => setTimeout(r, (GRACE_S + 2) * 1000));
    expect(await callRow(testDb.database, call.id)).toEqual({ status: 'ACTIVE', ended_reason: null });
    await onB.close();
    const ended = await waitFor(
      () => callRow(testDb.database, call.id),
      (r) => r.status === 'ENDED',
      60_000,
    );
    expect(ended).toEqual({ status: 'ENDED', ended_reason: 'connection_lost' });
  });

  it('a restart: the instance shuts down with the owner connected; the next one ends the call after the grace', async () => {
    testDb = await createTestDatabase();
    const bus = await sharedBus();
    const first = await instance(bus);
    const u = await signUp(first.app);
    const call = await activeCall(first.app, u);
    const socket = await follow(first.ws, u, call.id);
    await first.app.close();
    await socket.closed;
    const next = await instance(bus);
    const ended = await waitFor(
      () => callRow(testDb.database, call.id),
      (r) => r.status === 'ENDED',
      60_000,
    );
    expect(ended).toEqual({ status: 'ENDED', ended_reason: 'connection_lost' });
    // The persona is free again.
    const again = await activeCall(next.app, u).catch(() => null);
    expect(again).not.toBeNull();
  });

  it('a process that died with the owner connected: its presence expires, is swept, and the call ends', async () => {
    testDb = await createTestDatabase();
    const bus = await sharedBus();
    const survivor = await instance(bus);
    const u = await signUp(survivor.app);
    const call = await activeCall(survivor.app, u);
    // What the killed process left: its connection on the call, refreshed for the last time just now.
    const dead = uuidv7();
    const now = Date.now();
    await testDb.database.query(
      'INSERT INTO core.realtime_connections (id, user_id, instance_id, connected_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
      [dead, u.user.id, 'killed-instance', new Date(now), new Date(now + 1_500)],
    );
    await testDb.database.query('INSERT INTO core.presence (channel, connection_id, user_id, joined_at) VALUES ($1, $2, $3, $4)', [
      `call:${call.id}`,
      dead,
      u.user.id,
      new Date(now),
    ]);
    const ended = await waitFor(
      () => callRow(testDb.database, call.id),
      (r) => r.status === 'ENDED',
      60_000,
    );
    expect(ended).toEqual({ status: 'ENDED', ended_reason: 'connection_lost' });
  });

  it('the sweep ends a call left without its owner whose check was never scheduled, and spares one whose owner is there', async () => {
    testDb = await createTestDatabase();
    const bus = await sharedBus();
    const only = await instance(bus);
    const u = await signUp(only.app);
    const lost = await activeCall(only.app, u);
    const kept = await activeCall(only.app, u);
    const socket = await follow(only.ws, u, kept.id);
    // As if both went ACTIVE long ago, and the check jobs were lost.
    await testDb.database.query(
      `UPDATE calls.call_sessions SET started_at = now() - interval '10 minutes', disconnected_at = NULL WHERE id = ANY($1)`,
      [[lost.id, kept.id]],
    );
    await testDb.database.query(`DELETE FROM pgboss.job WHERE name = 'calls.connection-lost'`);
    expect(await endLostCalls(only.app.core.forProducts)).toBe(1);
    expect(await callRow(testDb.database, lost.id)).toEqual({ status: 'ENDED', ended_reason: 'connection_lost' });
    expect(await callRow(testDb.database, kept.id)).toEqual({ status: 'ACTIVE', ended_reason: null });
    await socket.close();
  });
});
