// Start to ready: `npm start` until GET /ready answers 200, on a warm embedded data directory (target ≤ 3 s), on a
// first start from an empty directory (issue 2: ≤ 10 s), and on PostgreSQL; plus one warm start through tsx (the
// TypeScript sources, as `npm start` ran before dist/) for comparison. CPU time is the process tree's user + system
// time until ready: unlike the wall time it hardly depends on what else runs on the machine.
//
//   npx tsx bench/startup.ts [--runs 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { flagValue, machineInfo, percentile, prepareServerDatabase, round, startServer, writeReport, type BenchServer } from './support.js';

const runs = Number(flagValue('runs', '3'));
const loadAtStart = os.loadavg()[0]!;
const startedAt = new Date();
const npmStart = ['npm', 'start', '--silent'];

interface Start {
  readyMs: number;
  cpuMs: number;
  rssMb: number;
  loadAverage: number;
}

async function once(env: Record<string, string>, command = npmStart): Promise<Start> {
  const loadAverage = round(os.loadavg()[0]!, 2);
  const server: BenchServer = await startServer({ env, command });
  const rssMb = server.rssMb();
  const code = await server.stop();
  if (code !== 0 && code !== null) throw new Error(`the server exited with ${code} after SIGTERM:\n${server.log()}`);
  return { readyMs: round(server.readyMs, 0), cpuMs: round(server.readyCpuMs, 0), rssMb, loadAverage };
}

const median = (xs: Start[], k: keyof Start) =>
  percentile(
    xs.map((x) => x[k]),
    50,
  );

// The console's build and dist/ are brought up to date first, as `npm install` leaves them.
execFileSync(process.execPath, ['scripts/build-console.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

const embedded = await prepareServerDatabase('pglite');
const postgres = await prepareServerDatabase('postgres');
try {
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-first-start-'));
  const first = await once({ TALKBASE_DATA_DIR: emptyDir });
  fs.rmSync(emptyDir, { recursive: true, force: true });
  await once(embedded.env); // creates keys.json; the runs below are warm
  const warm: Start[] = [];
  for (let i = 0; i < runs; i++) warm.push(await once(embedded.env));
  const tsx = await once({ ...embedded.env, TALKBASE_USE_TSX: '1' });
  await once(postgres.env);
  const pg: Start[] = [];
  for (let i = 0; i < runs; i++) pg.push(await once(postgres.env));

  const summary = {
    warmEmbedded: { readyMs: median(warm, 'readyMs'), cpuMs: median(warm, 'cpuMs'), runs: warm, targetMs: 3000 },
    firstStartEmptyDir: { ...first, targetMs: 10_000 },
    warmEmbeddedThroughTsx: tsx,
    warmPostgres: { readyMs: median(pg, 'readyMs'), cpuMs: median(pg, 'cpuMs'), runs: pg },
  };
  const machine = machineInfo(loadAtStart);
  const line = (label: string, s: Start) => `| ${label} | ${s.readyMs} | ${s.cpuMs} | ${s.rssMb} | ${s.loadAverage} |`;
  const md = [
    '# Start to ready',
    '',
    '`npm start` (which checks the console build, then runs `node scripts/start.mjs serve`: the JavaScript compiled into `dist/` at install) until `GET /ready` answers 200, then SIGTERM. CPU is the user + system time of the whole process tree until ready; RSS is the tree (npm included) when ready.',
    '',
    '| start | ready ms | CPU ms | RSS MB | load average |',
    '|---|---|---|---|---|',
    ...warm.map((s, i) => line(`warm embedded data dir #${i + 1}`, s)),
    line('first start, empty data dir (prepared snapshot)', first),
    line('warm embedded, through tsx (before dist/)', tsx),
    ...pg.map((s, i) => line(`PostgreSQL #${i + 1}`, s)),
    '',
    `Warm embedded start, median of ${runs}: **${summary.warmEmbedded.readyMs} ms** wall, ${summary.warmEmbedded.cpuMs} ms CPU (target ≤ 3,000 ms: ${summary.warmEmbedded.readyMs <= 3000 ? 'met' : '**not met**'}). First start on an empty directory: ${first.readyMs} ms (issue 2's target ≤ 10,000 ms: ${first.readyMs <= 10_000 ? 'met' : '**not met**'}). PostgreSQL, median: ${summary.warmPostgres.readyMs} ms.`,
    '',
    `- Machine: ${machine.cpus} CPUs (${machine.cpuModel}), ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}; load average ${machine.loadAverageAtStart} at start, ${machine.loadAverageAtEnd} at the end. On a busy machine the wall time grows with the load; the CPU time is the figure to compare between runs.`,
    `- Run: \`npx tsx bench/startup.ts --runs ${runs}\`, ${startedAt.toISOString()}.`,
    '',
  ].join('\n');
  writeReport('startup', { benchmark: 'startup', date: startedAt.toISOString(), ...summary, machine }, md);
  console.log(md);
} finally {
  await embedded.cleanup();
  await postgres.cleanup();
}
process.exit(0);
