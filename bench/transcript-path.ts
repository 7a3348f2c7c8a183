// The assist transcript path across two instances: finals ingested on instance A (stored, numbered,
// published on room:<id>) and delivered over WebSocket by instance B through Redis; side by side with a
// plain Socket.IO broadcast of the same messages between two Socket.IO servers joined by Redis pub/sub
// (no storage) as the reference. All run at the same offered rate for the same time. Finals reach
// instance A as `assist.transcript` messages on the sender's WebSocket (the primary path, used for the
// ratio and the verdict) and, in a second run, as HTTP batch requests.
//
//   npx tsx bench/transcript-path.ts [--rate 2000] [--seconds 10] [--rooms 20] [--ingest both|ws|http]
//
// Needs PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres; a scratch
// database is created and dropped) and Redis (REDIS_URL, default redis://127.0.0.1:6379).
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
import { generateKeyring, serializeKeyring } from '../src/core/crypto/keyring.js';
import { Server as SocketIoServer } from 'socket.io';
import { io as socketIoClient } from 'socket.io-client';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const { values: args } = parseArgs({
  options: {
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '10' },
    rooms: { type: 'string', default: '20' },
    /** How finals reach instance A: over the sender's WebSocket, over HTTP, or both one after the other. */
    ingest: { type: 'string', default: 'both' },
    'socketio-relay': { type: 'string' },
    out: { type: 'string', default: path.join(here, 'results') },
  },
});
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** One throwaway keyring for both instances, so a token signed by one is valid on the other. */
const BENCH_KEYS = JSON.stringify(JSON.parse(serializeKeyring(generateKeyring())));

// ---- the Socket.IO reference server (run as a child process) ----------------------------------
if (args['socketio-relay']) {
  const port = Number(args['socketio-relay']);
  const pub = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const http = createServer();
  const io = new SocketIoServer(http, { serveClient: false });
  const topic = `sio-bench:${process.env.SIO_BENCH_ID}`;
  io.on('connection', (socket) => {
    socket.on('join', (room: string) => void socket.join(room));
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

interface RunResult {
  offeredRate: number;
  seconds: number;
  sent: number;
  ingested: number;
  delivered: number;
  deliveredPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
}

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(
  rate: number,
  seconds: number,
  sent: number,
  ingested: number,
  latencies: number[],
  windowMs: number,
  errors: number,
): RunResult {
  const sorted = [...latencies].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    offeredRate: rate,
    seconds,
    sent,
    ingested,
    delivered: latencies.length,
    deliveredPerSecond: Math.round((latencies.length / windowMs) * 1000),
    p50Ms: r(percentile(sorted, 50)),
    p99Ms: r(percentile(sorted, 99)),
    maxMs: r(sorted.at(-1) ?? NaN),
    errors,
  };
}

/** Sends `rate` messages per second for `seconds`, in 10 ms ticks, never more than `maxInFlight` unanswered. */
async function paced(rate: number, seconds: number, maxInFlight: number, send: (i: number) => Promise<boolean>) {
  const total = rate * seconds;
  const started = performance.now();
  let sent = 0;
  let ok = 0;
  let errors = 0;
  let inFlight = 0;
  const pending = new Set<Promise<void>>();
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
    while (sent < due && inFlight < maxInFlight) {
      const i = sent++;
      inFlight++;
      const p = send(i)
        .then((good) => void (good ? ok++ : errors++))
        .catch(() => void errors++)
        .finally(() => {
          inFlight--;
          pending.delete(p);
        });
      pending.add(p);
    }
    // The offered load lasts `seconds`; what the bound on unanswered requests held back is not sent.
    if (performance.now() - started > seconds * 1000) break;
    await sleep(5);
  }
  await Promise.allSettled([...pending]);
  return { sent, ok, errors, elapsedMs: performance.now() - started };
}

/**
 * Sends `rate` messages per second for `seconds`: every 5 ms the messages that came due are split by
 * room (round-robin) and each room's share goes in one request; a room has one request in flight at a
 * time, so what is not sent yet joins its next batch (at most 200).
 */
async function pacedBatches(rate: number, seconds: number, roomCount: number, send: (room: number, ids: number[]) => Promise<boolean>) {
  const total = rate * seconds;
  const started = performance.now();
  const queues: number[][] = Array.from({ length: roomCount }, () => []);
  const busy = new Array<boolean>(roomCount).fill(false);
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
      if (busy[r] || !queues[r]!.length) continue;
      const ids = queues[r]!.splice(0, 200);
      busy[r] = true;
      sent += ids.length;
      const p = send(r, ids)
        .then((good) => void (good ? (ok += ids.length) : (errors += ids.length)))
        .catch(() => void (errors += ids.length))
        .finally(() => {
          busy[r] = false;
          pending.delete(p);
        });
      pending.add(p);
    }
    if (elapsed > seconds * 1000) break;
    await sleep(5);
  }
  await Promise.allSettled([...pending]);
  return { sent, ok, errors, elapsedMs: performance.now() - started };
}

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
      LOG_LEVEL: 'warn',
      // The benchmark measures the transcript path, not the assistant's AI passes.
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

async function talkbaseRun(
  rate: number,
  seconds: number,
  roomCount: number,
  dataDir: string,
  databaseUrl: string,
  ingest: 'ws' | 'http',
): Promise<RunResult> {
  const portA = 18700 + Math.floor(Math.random() * 500);
  const portB = portA + 1;
  const a = await startTalkbase(portA, dataDir, databaseUrl, true);
  const b = await startTalkbase(portB, dataDir, databaseUrl, false);
  const A = `http://127.0.0.1:${portA}`;
  try {
    const register = async (prefix: string) =>
      (await json(A, 'POST', '/v1/auth/register', null, {
        email: `${prefix}-${randomBytes(4).toString('hex')}@bench.local`,
        password: 'bench-password-1',
      })) as { user: { id: string }; tokens: { accessToken: string } };
    const admin = await register('admin');
    const agent = await register('agent');
    const customer = await register('customer');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    await client.end();
    await json(A, 'POST', '/v1/assist/agents', admin.tokens.accessToken, {
      userId: agent.user.id,
      agentCode: `B-${randomBytes(3).toString('hex')}`,
      agentName: 'Bench Agent',
    });
    const rooms: string[] = [];
    for (let i = 0; i < roomCount; i++) {
      const room = await json(A, 'POST', '/v1/assist/rooms', agent.tokens.accessToken, { roomName: `bench ${i}` });
      await json(A, 'POST', `/v1/assist/rooms/${room.id}/join`, agent.tokens.accessToken, { nickname: 'agent' });
      await json(A, 'POST', `/v1/assist/rooms/${room.id}/join`, customer.tokens.accessToken, {
        nickname: 'customer',
        joinCode: room.joinCode,
      });
      rooms.push(room.id);
    }
    // The agent's console is connected to instance B.
    const ws = new WebSocket(`ws://127.0.0.1:${portB}/v1/realtime`);
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let subscribed = 0;
    let firstAt = 0;
    let lastAt = 0;
    ws.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (m.type === 'subscribed') subscribed++;
      if (m.type === 'event' && m.event === 'transcript.final') {
        const t0 = sentAt.get(`${m.data.segmentId}`);
        if (t0 !== undefined) {
          const now = performance.now();
          latencies.push(now - t0);
          sentAt.delete(m.data.segmentId);
          if (!firstAt) firstAt = now;
          lastAt = now;
        }
      }
    });
    ws.send(JSON.stringify({ type: 'auth', token: agent.tokens.accessToken }));
    for (const id of rooms) ws.send(JSON.stringify({ type: 'subscribe', channel: `room:${id}` }));
    const end = Date.now() + 10_000;
    while (subscribed < rooms.length && Date.now() < end) await sleep(20);
    const token = customer.tokens.accessToken;
    const segment = (i: number) => ({
      segmentId: `s${i}`,
      text: `final number ${i} of the benchmark call`,
      isFinal: true,
      startMs: i,
      endMs: i + 100,
    });
    // The customer's STT stream is a WebSocket to instance A: one assist.transcript message per room and tick, acked.
    let sendOverSocket: ((roomIndex: number, ids: number[]) => Promise<boolean>) | null = null;
    let sender: WebSocket | null = null;
    if (ingest === 'ws') {
      const socket = (sender = new WebSocket(`ws://127.0.0.1:${portA}/v1/realtime`));
      await new Promise((resolve, reject) => (socket.once('open', resolve), socket.once('error', reject)));
      const acks = new Map<number, (ok: boolean) => void>();
      let nextRef = 1;
      socket.on('message', (raw) => {
        const m = JSON.parse(raw.toString());
        if ((m.type === 'ack' || m.type === 'error') && typeof m.ref === 'number') {
          if (m.type === 'error') console.error('ingest error', m);
          acks.get(m.ref)?.(m.type === 'ack');
          acks.delete(m.ref);
        }
      });
      const authed = new Promise<any>((resolve) => socket.once('message', (raw) => resolve(JSON.parse(raw.toString()))));
      socket.send(JSON.stringify({ type: 'auth', token }));
      const reply = await authed;
      if (reply.type !== 'authenticated') throw new Error(`the sender's socket was not authenticated: ${JSON.stringify(reply)}`);
      sendOverSocket = (roomIndex, ids) =>
        new Promise<boolean>((resolve) => {
          const ref = nextRef++;
          acks.set(ref, resolve);
          const now = performance.now();
          for (const i of ids) sentAt.set(`s${i}`, now);
          socket.send(JSON.stringify({ type: 'assist.transcript', ref, room: rooms[roomIndex], segments: ids.map(segment) }));
        });
    }
    // As an STT gateway would: every tick, each room's finals that came due go in one message (or request).
    const run = await pacedBatches(rate, seconds, rooms.length, async (roomIndex, ids) => {
      if (sendOverSocket) return sendOverSocket(roomIndex, ids);
      const now = performance.now();
      for (const i of ids) sentAt.set(`s${i}`, now);
      const res = await fetch(`${A}/v1/assist/rooms/${rooms[roomIndex]}/transcripts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ segments: ids.map(segment) }),
      });
      await res.arrayBuffer();
      return res.ok;
    });
    const drainEnd = Date.now() + 10_000;
    while (latencies.length < run.ok && Date.now() < drainEnd) await sleep(50);
    ws.close();
    sender?.close();
    return summarize(rate, seconds, run.sent, run.ok, latencies, Math.max(run.elapsedMs, lastAt - firstAt), run.errors);
  } finally {
    for (const child of [a, b]) child.kill('SIGTERM');
    await Promise.all([a, b].map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
  }
}

async function socketIoRun(rate: number, seconds: number, roomCount: number): Promise<RunResult> {
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
  const a = await start(portA);
  const b = await start(portB);
  const sender = socketIoClient(`http://127.0.0.1:${portA}`, { transports: ['websocket'] });
  const receiver = socketIoClient(`http://127.0.0.1:${portB}`, { transports: ['websocket'] });
  try {
    await Promise.all([sender, receiver].map((s) => new Promise((r) => s.once('connect', () => r(null)))));
    const rooms = Array.from({ length: roomCount }, (_, i) => `room-${i}`);
    for (const r of rooms) receiver.emit('join', r);
    await sleep(200);
    const sentAt = new Map<string, number>();
    const latencies: number[] = [];
    let firstAt = 0;
    let lastAt = 0;
    receiver.on('final', (msg: { segmentId: string }) => {
      const t0 = sentAt.get(msg.segmentId);
      if (t0 === undefined) return;
      const now = performance.now();
      latencies.push(now - t0);
      sentAt.delete(msg.segmentId);
      if (!firstAt) firstAt = now;
      lastAt = now;
    });
    const run = await paced(rate, seconds, 256, async (i) => {
      const segmentId = `s${i}`;
      sentAt.set(segmentId, performance.now());
      sender.emit('final', {
        room: rooms[i % rooms.length],
        segmentId,
        text: `final number ${i} of the benchmark call`,
        isFinal: true,
        startMs: i,
        endMs: i + 100,
      });
      return true;
    });
    const drainEnd = Date.now() + 10_000;
    while (latencies.length < run.ok && Date.now() < drainEnd) await sleep(50);
    return summarize(rate, seconds, run.sent, run.ok, latencies, Math.max(run.elapsedMs, lastAt - firstAt), run.errors);
  } finally {
    sender.close();
    receiver.close();
    for (const child of [a, b]) child.kill('SIGTERM');
  }
}

async function main() {
  const rate = Number(args.rate);
  const seconds = Number(args.seconds);
  const roomCount = Number(args.rooms);
  if (rate * seconds > 60_000 || seconds > 30) throw new Error('keep a run under two minutes: rate × seconds ≤ 60,000 and seconds ≤ 30');
  const scratch = `talkbase_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${scratch}`);
  const url = new URL(DATABASE_URL);
  url.pathname = `/${scratch}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-bench-'));
  try {
    console.log(`transcript path: ${rate} finals/s for ${seconds} s over ${roomCount} rooms`);
    const ingest = args.ingest!;
    if (!['ws', 'http', 'both'].includes(ingest)) throw new Error('--ingest is ws, http or both');
    const talkbase = ingest === 'http' ? null : await talkbaseRun(rate, seconds, roomCount, dataDir, url.toString(), 'ws');
    if (talkbase) console.log('talkbase (WebSocket ingest)', talkbase);
    const overHttp = ingest === 'ws' ? null : await talkbaseRun(rate, seconds, roomCount, dataDir, url.toString(), 'http');
    if (overHttp) console.log('talkbase (HTTP ingest)', overHttp);
    const primary = (talkbase ?? overHttp)!;
    const socketIo = await socketIoRun(rate, seconds, roomCount);
    console.log('socket.io', socketIo);
    const ratio = Math.round((primary.deliveredPerSecond / socketIo.deliveredPerSecond) * 100) / 100;
    const machine = {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    };
    const verdict = ratio >= 0.8 && primary.p99Ms < 50 ? 'met' : 'not met';
    const result = {
      date: new Date().toISOString(),
      machine,
      rooms: roomCount,
      talkbase: primary,
      ingest: talkbase ? 'ws' : 'http',
      talkbaseOverHttp: overHttp,
      socketIo,
      ratio,
      target: { ratio: 0.8, p99Ms: 50, rate: 2000 },
      verdict,
    };
    fs.mkdirSync(args.out!, { recursive: true });
    fs.writeFileSync(path.join(args.out!, 'transcript-path.json'), JSON.stringify(result, null, 2) + '\n');
    const row = (name: string, r: RunResult) =>
      `| ${name} | ${r.offeredRate} | ${r.sent} | ${r.ingested} | ${r.delivered} | ${r.deliveredPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.maxMs} | ${r.errors} |`;
    const md = `# Transcript path benchmark

${result.date} · ${machine.cpu} × ${machine.cores} · ${machine.memoryGiB} GiB · ${machine.platform} · Node ${machine.node} · load ${machine.loadAverage.join(' / ')}

Finals sent to Talkbase instance A (stored in PostgreSQL, numbered, published on \`room:<id>\`), either as
\`assist.transcript\` messages on the sender's authenticated WebSocket or as HTTP batch requests; each room's
finals due in a 5 ms tick go in one message or request, one unanswered per room. Instance A writes what
arrives together in one group-commit statement. The finals are received over WebSocket from instance B
through Redis, against two Socket.IO servers relaying the same messages through Redis pub/sub with nothing
stored. ${roomCount} rooms, ${seconds} s at the offered rate; latency is from send to receipt on the second
instance, measured in one process.

| path | offered/s | sent | ingested | delivered | delivered/s | p50 ms | p99 ms | max ms | errors |
|---|---|---|---|---|---|---|---|---|---|
${talkbase ? row('Talkbase, WebSocket ingest (stored, ordered, replayable)', talkbase) + '\n' : ''}${overHttp ? row('Talkbase, HTTP ingest (stored, ordered, replayable)', overHttp) + '\n' : ''}${row('Socket.IO + Redis pub/sub (reference)', socketIo)}

Rate ratio Talkbase (${talkbase ? 'WebSocket' : 'HTTP'} ingest) / Socket.IO: **${ratio}** · its p99: **${primary.p99Ms} ms** · target (≥ 0.8 and p99 < 50 ms at 2,000 finals/s): **${verdict}**.

Run: \`npx tsx bench/transcript-path.ts --rate ${rate} --seconds ${seconds} --rooms ${roomCount} --ingest ${ingest}\`
`;
    fs.writeFileSync(path.join(args.out!, 'transcript-path.md'), md);
    console.log(md);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
