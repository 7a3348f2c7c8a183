// Hot reads, durable writes and memory, on the embedded database and on PostgreSQL, each side by side with its raw
// reference in the same run. Load comes from a second process on loopback (Debian's `wrk`, one thread).
//
// - Hot read: GET /v1/chat/conversations/:id/messages?limit=20 through the whole stack (bearer token, validation,
//   the ownership check, the page query, response serialization) against a bare Fastify route that runs the same
//   page query on the raw driver and returns the rows (bench/bare-server.ts). Target ≥ 0.6× embedded, ≥ 0.85× on
//   PostgreSQL.
// - Durable write: POST /v1/chat/conversations (answered 201 once the row is committed) against a raw insert loop of
//   the same row on the raw driver, as many in flight as wrk has connections. Target ≥ 0.5× embedded, ≥ 0.7× on
//   PostgreSQL.
// - Memory: the Talkbase process's RSS after start and its peak under this load. Targets ≤ 600 MB embedded,
//   ≤ 150 MB on PostgreSQL (the PostgreSQL server's own memory is not counted).
//
// On PostgreSQL, Talkbase runs as deployed with several instances: with Redis (REDIS_URL, default
// redis://127.0.0.1:6379 when it answers) as the bus that carries account changes and events between instances.
// With --profile, a second Talkbase server runs the same load under `node --cpu-prof` after the measurement, and the
// result holds where its CPU time went during the read and during the write load (bench/cpu-profile.ts).
//
//   npx tsx bench/http-paths.ts [--seconds 10] [--connections 16] [--databases pglite,postgres] [--profile]
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { PASSWORD_CHECK_IDLE_MS } from '../src/core/identity/password-strength.js';
import { profileLine, readNewestProfile, summarizeProfile, type ProfileSummary } from './cpu-profile.js';
import {
  SERVER_NODE_FLAGS,
  api,
  flagValue,
  machineInfo,
  prepareServerDatabase,
  registerUser,
  round,
  runWrk,
  startServer,
  writeReport,
  type LoadResult,
} from './support.js';

const seconds = Number(flagValue('seconds', '10'));
const connections = Number(flagValue('connections', '16'));
const databases = flagValue('databases', 'pglite,postgres').split(',') as Array<'pglite' | 'postgres'>;
const profile = process.argv.includes('--profile');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const loadAtStart = os.loadavg()[0]!;
const TARGETS = { pglite: { read: 0.6, write: 0.5, rssMb: 600 }, postgres: { read: 0.85, write: 0.7, rssMb: 150 } };

/** Whether Redis accepts a connection (the PostgreSQL run then uses it as the bus, as a deployment does). */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const startedAt = new Date();

/** Runs `work` while sampling `rss` every 250 ms; returns its result and the highest sample. */
async function withPeak<T>(rss: () => number, work: () => Promise<T>): Promise<[T, number]> {
  let peak = rss();
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 250);
  try {
    return [await work(), peak];
  } finally {
    clearInterval(timer);
    peak = Math.max(peak, rss());
  }
}

function insertLoop(env: Record<string, string>, userId: string, personaId: string): Promise<LoadResult> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/bare-server.ts',
        'insert-loop',
        '--seconds',
        String(seconds),
        '--concurrency',
        String(connections),
        '--user',
        userId,
        '--persona',
        personaId,
      ],
      { env: { ...process.env, ...env }, timeout: (seconds + 120) * 1000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}\n${stderr}`));
        const line = stdout.split('\n').find((l) => l.startsWith('JSON '));
        if (!line) return reject(new Error(`insert loop printed no summary:\n${stdout}\n${stderr}`));
        const r = JSON.parse(line.slice(5)) as Record<string, number>;
        resolve({
          requestsPerSecond: round(r.requests! / r.seconds!, 1),
          requests: r.requests!,
          non2xx: 0,
          socketErrors: r.errors!,
          p50Ms: round(r.p50!, 2),
          p90Ms: round(r.p90!, 2),
          p99Ms: round(r.p99!, 2),
          seconds: round(r.seconds!, 1),
          connections,
        });
      },
    ),
  );
}

interface Setup {
  user: { id: string; token: string };
  personaId: string;
  conversationId: string;
}

/** An account with a conversation of 15 messages, on a running Talkbase server. */
async function setUp(url: string): Promise<Setup> {
  const user = await registerUser(url, 'hot');
  const personaId = (await api<Array<{ id: string }>>(url, user.token, 'GET', '/v1/chat/personas'))[0]!.id;
  const conversationId = (await api<{ id: string }>(url, user.token, 'POST', '/v1/chat/conversations', { personaId })).id;
  for (let i = 0; i < 15; i++) {
    await api(url, user.token, 'POST', `/v1/chat/conversations/${conversationId}/messages`, {
      content: `Message ${i}: tell me about your favourite place.`,
    });
  }
  const check = await api<{ items: unknown[] }>(url, user.token, 'GET', `/v1/chat/conversations/${conversationId}/messages?limit=20`);
  if (check.items.length !== 20) throw new Error(`expected a full page of 20 messages, got ${check.items.length}`);
  return { user, personaId, conversationId };
}

/** Warm-up, then the measured read and write loads; `mark` is told when each measured load starts and ends. */
async function talkbaseLoad(url: string, setup: Setup, mark: (what: 'read' | 'write', edge: 'start' | 'end') => void = () => undefined) {
  const headers = { authorization: `Bearer ${setup.user.token}` };
  const readUrl = `${url}/v1/chat/conversations/${setup.conversationId}/messages?limit=20`;
  const writeLua = `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify({ personaId: setup.personaId }))}\nwrk.headers["content-type"] = "application/json"`;
  // Warm-up: every route compiled and every connection open before measuring.
  await runWrk(readUrl, { seconds: 2, connections, headers });
  await runWrk(`${url}/v1/chat/conversations`, { seconds: 1, connections, headers, lua: writeLua });
  mark('read', 'start');
  const read = await runWrk(readUrl, { seconds, connections, headers });
  mark('read', 'end');
  mark('write', 'start');
  const write = await runWrk(`${url}/v1/chat/conversations`, { seconds, connections, headers, lua: writeLua });
  mark('write', 'end');
  return { read, write };
}

/** The same load on a Talkbase server under `node --cpu-prof`: where its CPU time went while reading and while writing. */
async function profiled(env: Record<string, string>): Promise<{ read: ProfileSummary; write: ProfileSummary }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-profile-'));
  try {
    const server = await startServer({
      env,
      command: [process.execPath, ...SERVER_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`, 'scripts/start.mjs', 'serve'],
    });
    const windows = { read: { fromUs: 0, toUs: 0 }, write: { fromUs: 0, toUs: 0 } };
    try {
      const setup = await setUp(server.url);
      await talkbaseLoad(server.url, setup, (what, edge) => (windows[what][edge === 'start' ? 'fromUs' : 'toUs'] = nowUs()));
    } finally {
      await server.stop();
    }
    const data = readNewestProfile(dir);
    return { read: summarizeProfile(data, windows.read), write: summarizeProfile(data, windows.write) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(kind: 'pglite' | 'postgres') {
  const db = await prepareServerDatabase(kind);
  const withRedis = kind === 'postgres' && (await redisAnswers(redisUrl));
  const env = withRedis ? { ...db.env, REDIS_URL: redisUrl } : db.env;
  try {
    // Talkbase, as `npm start` runs it.
    const server = await startServer({ env });
    const rssAfterStart = server.rssMb();
    let talkbaseRead: LoadResult;
    let talkbaseWrite: LoadResult;
    let peakRss: number;
    let setupPeakRss: number;
    let setup: Setup;
    try {
      [setup, setupPeakRss] = await withPeak(server.rssMb, () => setUp(server.url));
      const s = setup;
      // Registering the set-up's accounts started the password-strength thread (zxcvbn's dictionaries, about 55 MB),
      // which ends once no check has come for a while. The load measured here is reads and writes, not registrations,
      // so it starts after that thread has ended; the set-up's own peak is reported beside it.
      await new Promise((r) => setTimeout(r, PASSWORD_CHECK_IDLE_MS + 2000));
      [{ read: talkbaseRead, write: talkbaseWrite }, peakRss] = await withPeak(server.rssMb, () => talkbaseLoad(server.url, s));
    } finally {
      await server.stop();
    }

    // The references, on the same data (the embedded database is one process's at a time, so one after the other).
    const bare = await startServer({ env: db.env, command: [process.execPath, '--import', 'tsx', 'bench/bare-server.ts', 'serve'] });
    let bareRead: LoadResult;
    try {
      const url = `${bare.url}/messages/${setup.conversationId}`;
      const probe = (await (await fetch(url)).json()) as { items: unknown[] };
      if (probe.items.length !== 20) throw new Error(`bare route returned ${probe.items.length} rows`);
      await runWrk(url, { seconds: 2, connections });
      bareRead = await runWrk(url, { seconds, connections });
    } finally {
      await bare.stop();
    }
    const rawInsert = await insertLoop(db.env, setup.user.id, setup.personaId);
    const cpuProfile = profile ? await profiled(env) : null;
    const targets = TARGETS[kind];
    return {
      database: kind,
      bus: withRedis ? 'redis' : 'memory',
      hotRead: {
        talkbase: talkbaseRead,
        bare: bareRead,
        ratio: round(talkbaseRead.requestsPerSecond / bareRead.requestsPerSecond, 2),
        target: targets.read,
      },
      durableWrite: {
        talkbase: talkbaseWrite,
        rawInsertLoop: rawInsert,
        ratio: round(talkbaseWrite.requestsPerSecond / rawInsert.requestsPerSecond, 2),
        target: targets.write,
      },
      memory: { rssAfterStartMb: rssAfterStart, peakRssUnderLoadMb: peakRss, peakRssDuringSetupMb: setupPeakRss, targetMb: targets.rssMb },
      cpuProfile,
    };
  } finally {
    await db.cleanup();
  }
}

const results = [];
for (const kind of databases) results.push(await measure(kind));

const machine = machineInfo(loadAtStart);
const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
const row = (label: string, r: LoadResult) =>
  `| ${label} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p90Ms} | ${r.p99Ms} | ${r.requests} | ${r.non2xx + r.socketErrors} |`;
const md = [
  '# Hot reads, durable writes and memory',
  '',
  `Load from \`wrk\` (one thread, ${connections} keep-alive connections, ${seconds} s after a warm-up) in a second process on loopback. Talkbase runs as \`npm start\` runs it (\`node ${SERVER_NODE_FLAGS.join(' ')} scripts/start.mjs serve\`, compiled JavaScript); bcrypt cost 4 for the set-up accounts.`,
  '',
  '- **Hot read**: `GET /v1/chat/conversations/:id/messages?limit=20` (token, validation, ownership check, page query, serialization) against a bare Fastify route running the same page query on the raw driver (`bench/bare-server.ts`).',
  '- **Durable write**: `POST /v1/chat/conversations` (201 after commit: one insert that takes the persona only while it is active) against a raw insert loop of the same row on the raw driver with as many inserts in flight.',
  '',
  ...results.flatMap((r) => [
    `## ${r.database === 'pglite' ? 'Embedded (PGlite)' : 'PostgreSQL 15'}`,
    '',
    '| path | requests/s | p50 ms | p90 ms | p99 ms | requests | errors |',
    '|---|---|---|---|---|---|---|',
    row('Talkbase hot read', r.hotRead.talkbase),
    row('bare Fastify + raw driver', r.hotRead.bare),
    row('Talkbase durable write', r.durableWrite.talkbase),
    row('raw insert loop', r.durableWrite.rawInsertLoop),
    '',
    `Hot read ratio **${r.hotRead.ratio}×** (target ≥ ${r.hotRead.target}: ${verdict(r.hotRead.ratio >= r.hotRead.target)}); durable write ratio **${r.durableWrite.ratio}×** (target ≥ ${r.durableWrite.target}: ${verdict(r.durableWrite.ratio >= r.durableWrite.target)}); RSS ${r.memory.rssAfterStartMb} MB after start, ${r.memory.peakRssUnderLoadMb} MB peak under load (target ≤ ${r.memory.targetMb} MB: ${verdict(r.memory.peakRssUnderLoadMb <= r.memory.targetMb)}; ${r.memory.peakRssDuringSetupMb} MB peak while the set-up registered its accounts, the password-strength thread running).${r.bus === 'redis' ? ' Talkbase with Redis as its bus, as deployed.' : ''}`,
    '',
    ...(r.cpuProfile
      ? [
          `Where the Talkbase server's CPU time went (\`node --cpu-prof\`, self time, a second run of the same load): hot read — ${profileLine(r.cpuProfile.read)}; Talkbase's own code ${r.cpuProfile.read.talkbaseShareOfBusy} % of the busy time. Durable write — ${profileLine(r.cpuProfile.write)}; Talkbase's own code ${r.cpuProfile.write.talkbaseShareOfBusy} % of the busy time.`,
          '',
        ]
      : []),
  ]),
  `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at the end. The load generator, the server and (for PostgreSQL) the database share these CPUs.`,
  `- Run: \`npx tsx bench/http-paths.ts --seconds ${seconds} --connections ${connections} --databases ${databases.join(',')}${profile ? ' --profile' : ''}\`, ${startedAt.toISOString()}.`,
  '',
].join('\n');
writeReport('http-paths', { benchmark: 'http-paths', date: startedAt.toISOString(), seconds, connections, profile, results, machine }, md);
console.log(md);
process.exit(0);
