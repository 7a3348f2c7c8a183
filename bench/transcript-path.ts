// The assist transcript path in the contact-center shape, stepped up to saturation. Two Talkbase instances share
// PostgreSQL and Redis: finals arrive on instance A as `assist.transcript` messages over the STT sender's WebSocket
// (stored, numbered, published on room:<id>), and on instance B every room has three subscribers: the agent's desk
// socket, the caller's app socket, and ONE supervisor socket following every room. The reference is two Socket.IO
// servers joined by Redis pub/sub in the same shape (nothing stored). At each offered rate (finals per second over
// all rooms) both are measured one after the other; the saturation rate is the highest rate at which ≥ 99.9 % of the
// deliveries arrive with p99 ≤ 50 ms. Latency runs from the moment a final is due (not when it could be sent), so a
// sender held back by a slow server counts against it.
//
//   npx tsx bench/transcript-path.ts [--rooms 100] [--rates 250,500,…] [--seconds 4] [--quick]
//
// Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch database is
// created and dropped) and Redis (REDIS_URL, default redis://127.0.0.1:6379). Writes transcript-path.json/.md and
// transcript-saturation.svg to --out (bench/results).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer } from 'node:http';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Server as SocketIoServer } from 'socket.io';
import { io as socketIoClient, type Socket as SocketIoClient } from 'socket.io-client';
import { generateKeyring, serializeKeyring } from '../src/core/crypto/keyring.js';
import { machineInfo, percentile, round } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values: args } = parseArgs({
  options: {
    rooms: { type: 'string' },
    rates: { type: 'string' },
    seconds: { type: 'string' },
    quick: { type: 'boolean', default: false },
    'socketio-relay': { type: 'string' },
    out: { type: 'string', default: path.join(here, 'results') },
  },
});
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** One throwaway keyring for both instances, so a token signed by one is valid on the other. */
const BENCH_KEYS = JSON.stringify(JSON.parse(serializeKeyring(generateKeyring())));
const TARGET = { deliveredPct: 99.9, p99Ms: 50, ratio: 0.5 };
/** How long after a step's last final its deliveries may still arrive; later ones count as lost. */
const DRAIN_MS = 2000;
/** Subscribers per room: the agent's desk, the supervisor, the caller's app. */
const PER_ROOM = 3;

interface StepResult {
  rate: number;
  seconds: number;
  /** Finals due in the step (rate × seconds). */
  offered: number;
  sent: number;
  /** Finals the server confirmed (Talkbase acks after storing; Socket.IO has no ack: = sent). */
  accepted: number;
  /** Deliveries expected: every offered final to each of the room's three subscribers. */
  expected: number;
  delivered: number;
  deliveredPct: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  pass: boolean;
  /** Talkbase only: from sending an `assist.transcript` message to its ack (stored and published). */
  ackP50Ms?: number;
  ackP99Ms?: number;
}

/** Counts deliveries of the current step and their latency from the final's due time. */
class Deliveries {
  step = -1;
  startedAt = 0;
  rate = 1;
  latencies: number[] = [];
  begin(step: number, rate: number) {
    this.step = step;
    this.rate = rate;
    this.latencies = [];
    this.startedAt = performance.now();
  }
  /** `segmentId` is `<step>-<i>`; final i of a step is due i/rate seconds after it began. */
  record(segmentId: string) {
    const dash = segmentId.indexOf('-');
    if (Number(segmentId.slice(0, dash)) !== this.step) return;
    const i = Number(segmentId.slice(dash + 1));
    this.latencies.push(performance.now() - (this.startedAt + (i * 1000) / this.rate));
  }
}

function summarize(rate: number, seconds: number, sent: number, accepted: number, errors: number, latencies: number[]): StepResult {
  const offered = rate * seconds;
  const expected = offered * PER_ROOM;
  const deliveredPct = round((latencies.length / expected) * 100, 2);
  const p99Ms = round(percentile(latencies, 99));
  return {
    rate,
    seconds,
    offered,
    sent,
    accepted,
    expected,
    delivered: latencies.length,
    deliveredPct,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms,
    maxMs: round(Math.max(...latencies, NaN)),
    errors,
    pass: deliveredPct >= TARGET.deliveredPct && p99Ms <= TARGET.p99Ms,
  };
}

/**
 * Offers `rate` finals per second for `seconds` in 5 ms ticks, as an STT gateway would: the finals that came due are
 * dealt round-robin to the rooms, and `send` gets each room's share. With `perRoom` a room has at most that many sends
 * unanswered (a streaming sender does not wait for each ack, but its connection allows 256 unanswered in all) and what
 * comes due meanwhile joins its next one (at most 200); finals still queued at the end are not sent.
 */
async function offer(
  rate: number,
  seconds: number,
  roomCount: number,
  perRoom: number | null,
  send: (room: number, ids: number[]) => Promise<boolean>,
) {
  const total = rate * seconds;
  const started = performance.now();
  const queues: number[][] = Array.from({ length: roomCount }, () => []);
  const busy = new Array<number>(roomCount).fill(0);
  const pending = new Set<Promise<void>>();
  let queued = 0;
  let sent = 0;
  let ok = 0;
  let errors = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    const due = Math.min(total, Math.floor((elapsed / 1000) * rate));
    while (queued < due) queues[queued % roomCount]!.push(queued++);
    for (let r = 0; r < roomCount; r++) {
      if ((perRoom !== null && busy[r]! >= perRoom) || !queues[r]!.length) continue;
      const ids = queues[r]!.splice(0, 200);
      sent += ids.length;
      if (perRoom === null) {
        void send(r, ids);
        ok += ids.length;
        continue;
      }
      busy[r]!++;
      const p = send(r, ids)
        .then((good) => void (good ? (ok += ids.length) : (errors += ids.length)))
        .catch(() => void (errors += ids.length))
        .finally(() => {
          busy[r]!--;
          pending.delete(p);
        });
      pending.add(p);
    }
    if (elapsed > seconds * 1000) break;
    await sleep(5);
  }
  await Promise.allSettled([...pending]);
  return { sent, ok, errors };
}

async function drain(deliveries: Deliveries, expected: number) {
  const end = Date.now() + DRAIN_MS;
  while (deliveries.latencies.length < expected && Date.now() < end) await sleep(20);
}

async function limited<T, R>(items: T[], concurrency: number, work: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!, i);
      }
    }),
  );
  return out;
}

// ---- Talkbase ------------------------------------------------------------------------------------
function startTalkbase(port: number, dataDir: string, databaseUrl: string, workers: boolean): Promise<ChildProcess> {
  // BENCH_NODE_ARGS: extra node flags for the Talkbase instances (say `--cpu-prof --cpu-prof-dir=prof`).
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'src/main.ts'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      TALKBASE_DATA_DIR: dataDir,
      TALKBASE_KEYS: BENCH_KEYS,
      TALKBASE_WORKERS: String(workers),
      TALKBASE_DB_POOL_SIZE: '20',
      TALKBASE_BCRYPT_COST: '4',
      LOG_LEVEL: 'warn',
      // The benchmark measures the transcript path, not the assistant's AI passes (a room stays under 1,000 finals).
      ASSIST_SUMMARY_EVERY_FINALS: '1000',
      ASSIST_SUMMARY_INTERVAL_SECONDS: '3600',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return waitReady(`http://127.0.0.1:${port}/ready`, child);
}

async function waitReady(url: string, child: ChildProcess): Promise<ChildProcess> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return child;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} not ready within 60 s`);
}

async function json<T = any>(base: string, method: string, url: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** Opens a socket, sends auth and every subscribe at once (as a console does), and waits for each answer. */
async function talkbaseSubscriber(url: string, token: string, channels: string[], deliveries: Deliveries): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  let answered = 0;
  let refused: unknown = null;
  ws.on('message', (raw) => {
    const m = JSON.parse(raw.toString());
    if (m.type === 'event' && m.event === 'transcript.final') deliveries.record(m.data.segmentId);
    else if (m.type === 'subscribed') answered++;
    else if (m.type === 'error') refused = m;
  });
  ws.send(JSON.stringify({ type: 'auth', token }));
  for (const channel of channels) ws.send(JSON.stringify({ type: 'subscribe', channel }));
  const end = Date.now() + 30_000;
  while (answered < channels.length && !refused && Date.now() < end) await sleep(20);
  if (answered < channels.length) throw new Error(`subscribed to ${answered} of ${channels.length} rooms: ${JSON.stringify(refused)}`);
  return ws;
}

interface TalkbaseSystem {
  step(index: number, rate: number, seconds: number): Promise<StepResult>;
  /** What the database holds at the end: every accepted final stored once, numbered 1..n in its room. */
  stored(): Promise<{ finals: number; events: number; roomsNumberedWithoutGaps: number; rooms: number; accepted: number }>;
  close(): Promise<void>;
}

async function startTalkbaseSystem(roomCount: number, dataDir: string, databaseUrl: string): Promise<TalkbaseSystem> {
  const portA = 18700 + Math.floor(Math.random() * 500);
  const portB = portA + 1;
  const children = [await startTalkbase(portA, dataDir, databaseUrl, true), await startTalkbase(portB, dataDir, databaseUrl, false)];
  const A = `http://127.0.0.1:${portA}`;
  const sockets: WebSocket[] = [];
  const close = async () => {
    for (const s of sockets) s.terminate();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  };
  try {
    const register = async (prefix: string) =>
      (await json(A, 'POST', '/v1/auth/register', null, {
        email: `${prefix}-${randomBytes(6).toString('hex')}@bench.local`,
        password: 'bench-password-1',
      })) as { user: { id: string }; tokens: { accessToken: string } };
    const admin = await register('admin');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    await client.end();
    const supervisor = await register('supervisor');
    const sender = await register('stt');
    const indexes = Array.from({ length: roomCount }, (_, i) => i);
    // Each room: its agent opens it and joins, its caller joins; the supervisor and the STT sender join every room.
    const rooms = await limited(indexes, 8, async (i) => {
      const agent = await register(`agent${i}`);
      const caller = await register(`caller${i}`);
      await json(A, 'POST', '/v1/assist/agents', admin.tokens.accessToken, {
        userId: agent.user.id,
        agentCode: `B-${randomBytes(4).toString('hex')}`,
        agentName: `Bench Agent ${i}`,
      });
      const room = await json(A, 'POST', '/v1/assist/rooms', agent.tokens.accessToken, { roomName: `bench ${i}` });
      await json(A, 'POST', `/v1/assist/rooms/${room.id}/join`, agent.tokens.accessToken, { nickname: 'agent' });
      for (const [who, nickname] of [
        [caller, 'caller'],
        [supervisor, 'supervisor'],
        [sender, 'stt'],
      ] as const)
        await json(A, 'POST', `/v1/assist/rooms/${room.id}/join`, who.tokens.accessToken, { nickname, joinCode: room.joinCode });
      return { id: room.id as string, agent, caller };
    });
    const deliveries = new Deliveries();
    const B = `ws://127.0.0.1:${portB}/v1/realtime`;
    for (const r of rooms) {
      sockets.push(await talkbaseSubscriber(B, r.agent.tokens.accessToken, [`room:${r.id}`], deliveries));
      sockets.push(await talkbaseSubscriber(B, r.caller.tokens.accessToken, [`room:${r.id}`], deliveries));
    }
    sockets.push(
      await talkbaseSubscriber(
        B,
        supervisor.tokens.accessToken,
        rooms.map((r) => `room:${r.id}`),
        deliveries,
      ),
    );

    // The STT sender's socket to instance A: one assist.transcript message per room and tick, acked once stored.
    const ingest = new WebSocket(`ws://127.0.0.1:${portA}/v1/realtime`);
    sockets.push(ingest);
    await new Promise((resolve, reject) => (ingest.once('open', resolve), ingest.once('error', reject)));
    const acks = new Map<number, (ok: boolean) => void>();
    let nextRef = 1;
    let firstError: unknown = null;
    ingest.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if ((m.type === 'ack' || m.type === 'error') && typeof m.ref === 'number') {
        if (m.type === 'error') firstError ??= m;
        acks.get(m.ref)?.(m.type === 'ack');
        acks.delete(m.ref);
      }
    });
    const authed = new Promise<any>((resolve) => ingest.once('message', (raw) => resolve(JSON.parse(raw.toString()))));
    ingest.send(JSON.stringify({ type: 'auth', token: sender.tokens.accessToken }));
    const reply = await authed;
    if (reply.type !== 'authenticated') throw new Error(`the sender's socket was not authenticated: ${JSON.stringify(reply)}`);

    let accepted = 0;
    /** From sending a message to its ack (stored and published): the ingest part of the latency. */
    let ackMs: number[] = [];
    return {
      async step(index, rate, seconds) {
        deliveries.begin(index, rate);
        ackMs = [];
        const segment = (i: number) => ({
          segmentId: `${index}-${i}`,
          text: `final number ${i} of the benchmark call`,
          isFinal: true,
          startMs: i,
          endMs: i + 100,
        });
        const run = await offer(
          rate,
          seconds,
          rooms.length,
          Math.max(1, Math.min(4, Math.floor(256 / rooms.length))),
          (room, ids) =>
            new Promise<boolean>((resolve) => {
              const ref = nextRef++;
              const sentAt = performance.now();
              acks.set(ref, (ok) => {
                ackMs.push(performance.now() - sentAt);
                resolve(ok);
              });
              ingest.send(JSON.stringify({ type: 'assist.transcript', ref, room: rooms[room]!.id, segments: ids.map(segment) }));
            }),
        );
        accepted += run.ok;
        await drain(deliveries, run.ok * PER_ROOM);
        if (firstError) console.error('ingest error', firstError);
        firstError = null;
        return {
          ...summarize(rate, seconds, run.sent, run.ok, run.errors, deliveries.latencies),
          ackP50Ms: round(percentile(ackMs, 50)),
          ackP99Ms: round(percentile(ackMs, 99)),
        };
      },
      async stored() {
        const db = new pg.Client({ connectionString: databaseUrl });
        await db.connect();
        try {
          const [finals] = (await db.query('SELECT count(*)::int AS n FROM assist.transcripts WHERE is_final')).rows;
          const [events] = (await db.query(`SELECT count(*)::int AS n FROM core.channel_events WHERE event = 'transcript.final'`)).rows;
          const [numbered] = (
            await db.query(`SELECT count(*)::int AS n FROM (
              SELECT room_id FROM assist.transcripts WHERE is_final GROUP BY room_id
              HAVING min(final_index) = 1 AND max(final_index) = count(*) AND count(DISTINCT final_index) = count(*)) r`)
          ).rows;
          if (finals.n !== accepted) console.error(`stored ${finals.n} finals, ${accepted} acked`);
          return { finals: finals.n, events: events.n, roomsNumberedWithoutGaps: numbered.n, rooms: rooms.length, accepted };
        } finally {
          await db.end();
        }
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// ---- Socket.IO + Redis ---------------------------------------------------------------------------
interface SocketIoSystem {
  step(index: number, rate: number, seconds: number): Promise<StepResult>;
  close(): Promise<void>;
}

async function startSocketIoSystem(roomCount: number): Promise<SocketIoSystem> {
  const portA = 19300 + Math.floor(Math.random() * 500);
  const portB = portA + 1;
  const id = randomBytes(4).toString('hex');
  const start = (port: number) =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--socketio-relay', String(port)], {
        cwd: root,
        env: { ...process.env, SIO_BENCH_ID: id },
        stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      });
      child.once('message', () => resolve(child));
      child.once('exit', (code) => reject(new Error(`socket.io relay exited with ${code}`)));
    });
  const children = [await start(portA), await start(portB)];
  const clients: SocketIoClient[] = [];
  const close = async () => {
    for (const c of clients) c.close();
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  };
  try {
    const deliveries = new Deliveries();
    const rooms = Array.from({ length: roomCount }, (_, i) => `room-${i}`);
    // forceNew: a socket of its own per subscriber, as separate browsers would have (not one multiplexed connection).
    const connect = async (port: number, join: string[]) => {
      const c = socketIoClient(`http://127.0.0.1:${port}`, { transports: ['websocket'], forceNew: true });
      clients.push(c);
      await new Promise((r) => c.once('connect', () => r(null)));
      if (join.length) await new Promise((r) => c.emit('join', join, () => r(null)));
      c.on('final', (msg: { segmentId: string }) => deliveries.record(msg.segmentId));
      return c;
    };
    for (const room of rooms) {
      await connect(portB, [room]);
      await connect(portB, [room]);
    }
    await connect(portB, rooms);
    const sender = await connect(portA, []);
    return {
      async step(index, rate, seconds) {
        deliveries.begin(index, rate);
        const run = await offer(rate, seconds, rooms.length, null, async (room, ids) => {
          for (const i of ids)
            sender.emit('final', {
              room: rooms[room],
              segmentId: `${index}-${i}`,
              text: `final number ${i} of the benchmark call`,
              isFinal: true,
              startMs: i,
              endMs: i + 100,
            });
          return true;
        });
        await drain(deliveries, run.ok * PER_ROOM);
        return summarize(rate, seconds, run.sent, run.ok, run.errors, deliveries.latencies);
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// ---- the chart -----------------------------------------------------------------------------------
/** Offered rate (log scale) against p99 (log scale), one line per system, the 50 ms target dashed. */
function chartSvg(title: string, series: { name: string; color: string; steps: StepResult[] }[]): string {
  const W = 720;
  const H = 420;
  const m = { l: 70, r: 20, t: 40, b: 60 };
  const rates = series.flatMap((s) => s.steps.map((p) => p.rate));
  const p99s = series.flatMap((s) => s.steps.map((p) => p.p99Ms)).filter((v) => Number.isFinite(v) && v > 0);
  const xMin = Math.min(...rates) / 1.2;
  const xMax = Math.max(...rates) * 1.2;
  const yMin = Math.min(1, ...p99s);
  const yMax = Math.max(100, ...p99s) * 1.5;
  const x = (v: number) => m.l + ((Math.log10(v) - Math.log10(xMin)) / (Math.log10(xMax) - Math.log10(xMin))) * (W - m.l - m.r);
  const y = (v: number) =>
    H - m.b - ((Math.log10(Math.max(v, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - m.t - m.b);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${title}</text>`);
  for (const v of [...new Set(rates)].sort((a, b) => a - b)) {
    out.push(`<line x1="${x(v)}" y1="${H - m.b}" x2="${x(v)}" y2="${m.t}" stroke="#eee"/>`);
    out.push(`<text x="${x(v)}" y="${H - m.b + 16}" text-anchor="middle">${v}</text>`);
  }
  for (let e = Math.floor(Math.log10(yMin)); 10 ** e <= yMax; e++) {
    const v = 10 ** e;
    if (v < yMin) continue;
    out.push(`<line x1="${m.l}" y1="${y(v)}" x2="${W - m.r}" y2="${y(v)}" stroke="#eee"/>`);
    out.push(`<text x="${m.l - 6}" y="${y(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000} s` : `${v} ms`}</text>`);
  }
  out.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="black"/>`);
  out.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${m.l}" y2="${m.t}" stroke="black"/>`);
  out.push(`<line x1="${m.l}" y1="${y(50)}" x2="${W - m.r}" y2="${y(50)}" stroke="#c00" stroke-dasharray="6 4"/>`);
  out.push(`<text x="${W - m.r - 4}" y="${y(50) - 4}" text-anchor="end" fill="#c00">p99 target 50 ms</text>`);
  out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 20}" text-anchor="middle">offered finals per second (all rooms; log scale)</text>`);
  out.push(`<text transform="translate(18 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle">p99 send → receipt (log scale)</text>`);
  series.forEach((s, k) => {
    const pts = s.steps.filter((p) => Number.isFinite(p.p99Ms));
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map((p) => `${x(p.rate).toFixed(1)},${y(p.p99Ms).toFixed(1)}`).join(' ')}"/>`,
    );
    // A filled point met the target at that rate (≥ 99.9 % delivered, p99 ≤ 50 ms); a hollow one did not.
    for (const p of pts)
      out.push(
        `<circle cx="${x(p.rate).toFixed(1)}" cy="${y(p.p99Ms).toFixed(1)}" r="4" stroke="${s.color}" stroke-width="2" fill="${p.pass ? s.color : 'white'}"/>`,
      );
    out.push(
      `<line x1="${m.l + 12}" y1="${m.t + 12 + k * 18}" x2="${m.l + 36}" y2="${m.t + 12 + k * 18}" stroke="${s.color}" stroke-width="2"/>`,
    );
    out.push(`<text x="${m.l + 42}" y="${m.t + 16 + k * 18}">${s.name}</text>`);
  });
  out.push(
    `<text x="${m.l + 12}" y="${m.t + 16 + series.length * 18}" fill="#555">filled point: ≥ 99.9 % delivered and p99 ≤ 50 ms; hollow: not</text>`,
  );
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ---- the run -------------------------------------------------------------------------------------
const saturation = (steps: StepResult[]) => Math.max(0, ...steps.filter((s) => s.pass).map((s) => s.rate));

async function main() {
  const quick = args.quick!;
  const roomCount = Number(args.rooms ?? (quick ? 20 : 100));
  const seconds = Number(args.seconds ?? (quick ? 2 : 4));
  const rates = (args.rates ?? (quick ? '250,1000,2000' : '250,500,1000,2000,3000,4000,6000')).split(',').map(Number);
  if (!rates.every((r) => Number.isInteger(r) && r > 0) || rates.length > 12) throw new Error('--rates: at most 12 whole numbers');
  if (seconds > 10 || rates.reduce((n, r) => n + r * seconds, 0) / roomCount >= 1000)
    throw new Error('keep each step at most 10 s and each room under 1,000 finals in all (the assistant would start summarizing)');
  const loadAtStart = os.loadavg()[0]!;
  const scratch = `talkbase_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${scratch}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-bench-'));
  let talkbase: TalkbaseSystem | null = null;
  let socketIo: SocketIoSystem | null = null;
  try {
    console.log(`transcript path: ${roomCount} rooms × ${PER_ROOM} subscribers, ${seconds} s at each of ${rates.join(', ')} finals/s`);
    talkbase = await startTalkbaseSystem(roomCount, dataDir, url.toString());
    socketIo = await startSocketIoSystem(roomCount);
    const results = { talkbase: [] as StepResult[], socketIo: [] as StepResult[] };
    // Side by side at each rate; a system stops stepping after two rates in a row it could not hold.
    const failures = { talkbase: 0, socketIo: 0 };
    for (const [index, rate] of rates.entries()) {
      for (const name of ['talkbase', 'socketIo'] as const) {
        if (failures[name] >= 2) continue;
        await sleep(1000);
        const r = await (name === 'talkbase' ? talkbase : socketIo).step(index, rate, seconds);
        results[name].push(r);
        failures[name] = r.pass ? 0 : failures[name] + 1;
        console.log(
          `${name.padEnd(8)} ${String(rate).padStart(5)}/s: delivered ${r.deliveredPct} %, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.ackP99Ms === undefined ? '' : ` (ack p50 ${r.ackP50Ms} ms, p99 ${r.ackP99Ms} ms)`}${r.pass ? '' : ' (not held)'}`,
        );
      }
    }
    const stored = await talkbase.stored();
    const sat = { talkbase: saturation(results.talkbase), socketIo: saturation(results.socketIo) };
    const ratio = sat.socketIo ? round(sat.talkbase / sat.socketIo) : null;
    const everyFinalStored =
      stored.finals === stored.accepted && stored.events === stored.accepted && stored.roomsNumberedWithoutGaps === stored.rooms;
    const verdict = ratio !== null && ratio >= TARGET.ratio && everyFinalStored ? 'met' : 'not met';
    const machine = machineInfo(loadAtStart);
    const result = {
      benchmark: 'transcript-path',
      date: new Date().toISOString(),
      quick,
      machine,
      shape: { rooms: roomCount, subscribersPerRoom: PER_ROOM, sockets: roomCount * 2 + 1, seconds, rates },
      target: TARGET,
      talkbase: results.talkbase,
      socketIo: results.socketIo,
      saturation: sat,
      ratio,
      stored,
      verdict,
    };
    fs.mkdirSync(args.out!, { recursive: true });
    fs.writeFileSync(path.join(args.out!, 'transcript-path.json'), JSON.stringify(result, null, 2) + '\n');
    const svg = chartSvg(`Transcript path, ${roomCount} rooms × ${PER_ROOM} subscribers: p99 by offered rate`, [
      { name: 'Talkbase (stored, numbered, replayable)', color: '#1f6feb', steps: results.talkbase },
      { name: 'Socket.IO + Redis (nothing stored)', color: '#d97706', steps: results.socketIo },
    ]);
    fs.writeFileSync(path.join(args.out!, 'transcript-saturation.svg'), svg);
    const cell = (r: StepResult | undefined) => (r ? `${r.deliveredPct} % | ${r.p50Ms} | ${r.p99Ms}${r.pass ? '' : ' ✗'}` : '— | — | —');
    const md = `# Transcript path to saturation

${result.date} · ${machine.cpuModel} × ${machine.cpus} · ${machine.memoryGb} GB · ${machine.platform} · Node ${machine.node} · load ${machine.loadAverageAtStart} before, ${machine.loadAverageAtEnd} after${quick ? ' · **quick run** (smaller shape)' : ''}

The contact-center shape: ${roomCount} rooms, each followed on instance B by ${PER_ROOM} sockets (the agent's desk, the
caller's app, and one supervisor socket following all ${roomCount} rooms): ${roomCount * 2 + 1} sockets. Finals are sent to
instance A as \`assist.transcript\` messages over the STT sender's WebSocket, each room's finals due in a 5 ms
tick in one message, at most ${Math.max(1, Math.min(4, Math.floor(256 / roomCount)))} unanswered per room (256 on the connection); instance A stores them (numbered per room, one group-commit
statement for what arrives together) and publishes them on \`room:<id>\`; B delivers them through Redis. The
reference: two Socket.IO servers joined by Redis pub/sub, the same sockets and rooms, one emit per final, nothing
stored. ${seconds} s per rate, the two systems one after the other at each rate. Latency runs from the moment a final
was due to its receipt, over every delivery; delivered counts the deliveries of the finals offered (rate ×
seconds × ${PER_ROOM}) that arrived within ${DRAIN_MS / 1000} s of the step's end. ✗: below ${TARGET.deliveredPct} % or p99 above ${TARGET.p99Ms} ms.

| offered finals/s | Talkbase delivered | p50 ms | p99 ms | Socket.IO delivered | p50 ms | p99 ms |
|---|---|---|---|---|---|---|
${rates
  .filter((r) => results.talkbase.some((s) => s.rate === r) || results.socketIo.some((s) => s.rate === r))
  .map((r) => `| ${r} | ${cell(results.talkbase.find((s) => s.rate === r))} | ${cell(results.socketIo.find((s) => s.rate === r))} |`)
  .join('\n')}

Saturation rate (highest rate with ≥ ${TARGET.deliveredPct} % delivered and p99 ≤ ${TARGET.p99Ms} ms): Talkbase **${sat.talkbase}/s**,
Socket.IO **${sat.socketIo}/s**, ratio **${ratio ?? '—'}** (target ≥ ${TARGET.ratio}×): **${verdict}**. A system stops stepping after two
rates in a row it could not hold.

Stored at the end: ${stored.finals} finals for ${stored.accepted} acked, ${stored.events} \`transcript.final\` events, ${stored.roomsNumberedWithoutGaps} of ${stored.rooms} rooms
numbered 1..n without gaps.

![p99 by offered rate](transcript-saturation.svg)

Run: \`npx tsx bench/transcript-path.ts${quick ? ' --quick' : ''}${args.rooms ? ` --rooms ${roomCount}` : ''}${args.rates ? ` --rates ${args.rates}` : ''}${args.seconds ? ` --seconds ${seconds}` : ''}\`
`;
    fs.writeFileSync(path.join(args.out!, 'transcript-path.md'), md);
    console.log(md);
  } finally {
    await talkbase?.close();
    await socketIo?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

// ---- the Socket.IO reference server (run as a child process) ----------------------------------
if (args['socketio-relay']) {
  const port = Number(args['socketio-relay']);
  const pub = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const http = createServer();
  const io = new SocketIoServer(http, { serveClient: false });
  const topic = `sio-bench:${process.env.SIO_BENCH_ID}`;
  io.on('connection', (socket) => {
    socket.on('join', (rooms: string[], done: () => void) => {
      void socket.join(rooms);
      done();
    });
    // Publish to every instance through Redis, as the Talkbase bus does; each broadcasts to its own sockets.
    socket.on('final', (msg: { room: string }) => void pub.publish(topic, JSON.stringify(msg)));
  });
  await sub.subscribe(topic);
  sub.on('message', (_channel, raw) => {
    const msg = JSON.parse(raw) as { room: string };
    io.to(msg.room).emit('final', msg);
  });
  http.listen(port, '127.0.0.1', () => process.send?.('ready'));
  process.on('SIGTERM', () => process.exit(0));
} else {
  await main();
}
