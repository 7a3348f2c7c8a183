// Hot reads, durable writes and memory, on the embedded database and on PostgreSQL, each side by side with its raw
// reference in the same run. Load comes from a second process on loopback (Debian's `wrk`, one thread).
//
// - Hot read: GET /v1/chat/conversations/:id/messages?limit=20 through the whole stack (bearer token, validation,
//   the ownership check, the page query, response serialization) against a bare Fastify route that runs the same
//   page query on the raw driver and returns the rows (bench/bare-server.ts). Target ≥ 0.6×.
// - Durable write: POST /v1/chat/conversations (answered 201 once the row is committed) against a raw insert loop of
//   the same row on the raw driver, as many in flight as wrk has connections. Target ≥ 0.5×.
// - Memory: the Talkbase process's RSS after start and its peak under this load. Targets ≤ 600 MB embedded,
//   ≤ 150 MB on PostgreSQL (the PostgreSQL server's own memory is not counted).
//
//   npx tsx bench/http-paths.ts [--seconds 10] [--connections 16] [--databases pglite,postgres]
import os from 'node:os';
import { execFile } from 'node:child_process';
import {
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
const loadAtStart = os.loadavg()[0]!;
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

async function measure(kind: 'pglite' | 'postgres') {
  const db = await prepareServerDatabase(kind);
  try {
    // Talkbase, as `npm start` runs it.
    const server = await startServer({ env: db.env });
    const rssAfterStart = server.rssMb();
    let talkbaseRead: LoadResult;
    let talkbaseWrite: LoadResult;
    let peakRss: number;
    let user: { id: string; token: string };
    let personaId: string;
    let conversationId: string;
    try {
      user = await registerUser(server.url, 'hot');
      personaId = (await api<Array<{ id: string }>>(server.url, user.token, 'GET', '/v1/chat/personas'))[0]!.id;
      conversationId = (await api<{ id: string }>(server.url, user.token, 'POST', '/v1/chat/conversations', { personaId })).id;
      for (let i = 0; i < 15; i++) {
        await api(server.url, user.token, 'POST', `/v1/chat/conversations/${conversationId}/messages`, {
          content: `Message ${i}: tell me about your favourite place.`,
        });
      }
      const headers = { authorization: `Bearer ${user.token}` };
      const readUrl = `${server.url}/v1/chat/conversations/${conversationId}/messages?limit=20`;
      const check = await api<{ items: unknown[] }>(
        server.url,
        user.token,
        'GET',
        `/v1/chat/conversations/${conversationId}/messages?limit=20`,
      );
      if (check.items.length !== 20) throw new Error(`expected a full page of 20 messages, got ${check.items.length}`);
      const writeLua = `wrk.method = "POST"\nwrk.body = ${JSON.stringify(JSON.stringify({ personaId }))}\nwrk.headers["content-type"] = "application/json"`;
      // Warm-up: every route compiled and every connection open before measuring.
      await runWrk(readUrl, { seconds: 2, connections, headers });
      await runWrk(`${server.url}/v1/chat/conversations`, { seconds: 1, connections, headers, lua: writeLua });
      [[talkbaseRead, talkbaseWrite], peakRss] = await withPeak(server.rssMb, async () => [
        await runWrk(readUrl, { seconds, connections, headers }),
        await runWrk(`${server.url}/v1/chat/conversations`, { seconds, connections, headers, lua: writeLua }),
      ]);
    } finally {
      await server.stop();
    }

    // The references, on the same data (the embedded database is one process's at a time, so one after the other).
    const bare = await startServer({ env: db.env, command: [process.execPath, '--import', 'tsx', 'bench/bare-server.ts', 'serve'] });
    let bareRead: LoadResult;
    try {
      const url = `${bare.url}/messages/${conversationId}`;
      const probe = (await (await fetch(url)).json()) as { items: unknown[] };
      if (probe.items.length !== 20) throw new Error(`bare route returned ${probe.items.length} rows`);
      await runWrk(url, { seconds: 2, connections });
      bareRead = await runWrk(url, { seconds, connections });
    } finally {
      await bare.stop();
    }
    const rawInsert = await insertLoop(db.env, user.id, personaId);
    return {
      database: kind,
      hotRead: {
        talkbase: talkbaseRead,
        bare: bareRead,
        ratio: round(talkbaseRead.requestsPerSecond / bareRead.requestsPerSecond, 2),
        target: 0.6,
      },
      durableWrite: {
        talkbase: talkbaseWrite,
        rawInsertLoop: rawInsert,
        ratio: round(talkbaseWrite.requestsPerSecond / rawInsert.requestsPerSecond, 2),
        target: 0.5,
      },
      memory: { rssAfterStartMb: rssAfterStart, peakRssUnderLoadMb: peakRss, targetMb: kind === 'pglite' ? 600 : 150 },
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
  `Load from \`wrk\` (one thread, ${connections} keep-alive connections, ${seconds} s after a warm-up) in a second process on loopback. Talkbase runs as \`npm start\` runs it (\`node scripts/start.mjs serve\`, compiled JavaScript); bcrypt cost 4 for the set-up accounts.`,
  '',
  '- **Hot read**: `GET /v1/chat/conversations/:id/messages?limit=20` (token, validation, ownership check, page query, serialization) against a bare Fastify route running the same page query on the raw driver (`bench/bare-server.ts`).',
  '- **Durable write**: `POST /v1/chat/conversations` (201 after commit: persona check and insert) against a raw insert loop of the same row on the raw driver with as many inserts in flight.',
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
    `Hot read ratio **${r.hotRead.ratio}×** (target ≥ 0.6: ${verdict(r.hotRead.ratio >= 0.6)}); durable write ratio **${r.durableWrite.ratio}×** (target ≥ 0.5: ${verdict(r.durableWrite.ratio >= 0.5)}); RSS ${r.memory.rssAfterStartMb} MB after start, ${r.memory.peakRssUnderLoadMb} MB peak under load (target ≤ ${r.memory.targetMb} MB: ${verdict(r.memory.peakRssUnderLoadMb <= r.memory.targetMb)}).`,
    '',
  ]),
  `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at the end. The load generator, the server and (for PostgreSQL) the database share these CPUs.`,
  `- Run: \`npx tsx bench/http-paths.ts --seconds ${seconds} --connections ${connections} --databases ${databases.join(',')}\`, ${startedAt.toISOString()}.`,
  '',
].join('\n');
writeReport('http-paths', { benchmark: 'http-paths', date: startedAt.toISOString(), seconds, connections, results, machine }, md);
console.log(md);
process.exit(0);
