// Start to ready: `npm start` until GET /ready answers 200, on a warm embedded data directory (issue 18: ≤ 1.5 s), on a
// first start from an empty directory (issue 2: ≤ 10 s), and on PostgreSQL; plus one warm start through tsx (the
// TypeScript sources, as `npm start` ran before dist/) for comparison. CPU time is the process tree's user + system
// time until ready: unlike the wall time it hardly depends on what else runs on the machine. Also `talkbase --help`
// (it must not load the server) and the CPU an idle embedded server uses (issue 18: ≤ 0.5 % of one CPU), from the
// clock ticks in /proc over --idle-seconds after it has settled for --settle-seconds.
//
//   npx tsx bench/startup.ts [--runs 3] [--idle-seconds 30] [--settle-seconds 60]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  flagValue,
  machineInfo,
  percentile,
  prepareServerDatabase,
  processTreeCpuMs,
  round,
  startServer,
  writeReport,
  type BenchServer,
} from './support.js';

const runs = Number(flagValue('runs', '3'));
const idleSeconds = Number(flagValue('idle-seconds', '30'));
// The first minute after ready still holds start-up's own garbage collection (V8 shrinking the heap the start grew,
// on its background threads): about twice the CPU of the minutes after. Idle is what the server uses after that.
const settleSeconds = Number(flagValue('settle-seconds', '60'));
const WARM_TARGET_MS = 1500;
const IDLE_TARGET_PERCENT = 0.5;
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

/** `talkbase --help` as an operator runs it (bin/talkbase.js): wall and CPU time of the process, median of 5. */
function helpTimes() {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < 5; i++) {
    const childrenBefore = childCpuMs();
    const started = performance.now();
    execFileSync(process.execPath, ['bin/talkbase.js', '--help'], { stdio: 'ignore' });
    walls.push(performance.now() - started);
    cpus.push(childCpuMs() - childrenBefore);
  }
  return { medianMs: round(percentile(walls, 50), 0), cpuMs: round(percentile(cpus, 50), 0), targetMs: 500 };
}

/** User + system CPU of this process's finished children (getrusage RUSAGE_CHILDREN through /proc/self/stat). */
function childCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

/** CPU of an idle `npm start` on the warm embedded directory: clock ticks over the window, as a share of one CPU. */
async function idleCpu(env: Record<string, string>) {
  const server = await startServer({ env, command: npmStart });
  await new Promise((r) => setTimeout(r, settleSeconds * 1000));
  const before = processTreeCpuMs(server.pid);
  await new Promise((r) => setTimeout(r, idleSeconds * 1000));
  const cpuMs = processTreeCpuMs(server.pid) - before;
  await server.stop();
  return {
    percentOfOneCpu: round((cpuMs / (idleSeconds * 1000)) * 100, 2),
    ticks: Math.round(cpuMs / 10),
    seconds: idleSeconds,
    settleSeconds,
    targetPercent: IDLE_TARGET_PERCENT,
    loadAverage: round(os.loadavg()[0]!, 2),
  };
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
  const help = helpTimes();
  const idle = await idleCpu(embedded.env);
  await once(postgres.env);
  const pg: Start[] = [];
  for (let i = 0; i < runs; i++) pg.push(await once(postgres.env));

  const summary = {
    warmEmbedded: { readyMs: median(warm, 'readyMs'), cpuMs: median(warm, 'cpuMs'), runs: warm, targetMs: WARM_TARGET_MS },
    firstStartEmptyDir: { ...first, targetMs: 10_000 },
    warmEmbeddedThroughTsx: tsx,
    warmPostgres: { readyMs: median(pg, 'readyMs'), cpuMs: median(pg, 'cpuMs'), runs: pg },
    help,
    idleEmbedded: idle,
  };
  const machine = machineInfo(loadAtStart);
  const line = (label: string, s: Start) => `| ${label} | ${s.readyMs} | ${s.cpuMs} | ${s.rssMb} | ${s.loadAverage} |`;
  const md = [
    '# Start to ready',
    '',
    '`npm start` (`node scripts/start.mjs serve`: it checks the console build, then loads `dist/server.js`, the server compiled and bundled into one file at install) until `GET /ready` answers 200, then SIGTERM. CPU is the user + system time of the whole process tree until ready; RSS is the tree (npm included) when ready.',
    '',
    '| start | ready ms | CPU ms | RSS MB | load average |',
    '|---|---|---|---|---|',
    ...warm.map((s, i) => line(`warm embedded data dir #${i + 1}`, s)),
    line('first start, empty data dir (prepared snapshot)', first),
    line('warm embedded, through tsx (before dist/)', tsx),
    ...pg.map((s, i) => line(`PostgreSQL #${i + 1}`, s)),
    '',
    `Warm embedded start, median of ${runs}: **${summary.warmEmbedded.readyMs} ms** wall, ${summary.warmEmbedded.cpuMs} ms CPU (issue 18's target ≤ ${WARM_TARGET_MS} ms: ${summary.warmEmbedded.readyMs <= WARM_TARGET_MS ? 'met' : '**not met**'}). First start on an empty directory: ${first.readyMs} ms (issue 2's target ≤ 10,000 ms: ${first.readyMs <= 10_000 ? 'met' : '**not met**'}). PostgreSQL, median: ${summary.warmPostgres.readyMs} ms.`,
    '',
    `\`talkbase --help\` (bin/talkbase.js, median of 5): **${help.medianMs} ms** wall, ${help.cpuMs} ms CPU (target ≤ ${help.targetMs} ms; it loads no server, database or product).`,
    '',
    `Idle embedded server (\`npm start\`, settled ${settleSeconds} s, then ${idleSeconds} s with no client): **${idle.percentOfOneCpu} % of one CPU** (${idle.ticks} clock ticks; target ≤ ${IDLE_TARGET_PERCENT} %: ${idle.percentOfOneCpu <= IDLE_TARGET_PERCENT ? 'met' : '**not met**'}; load average ${idle.loadAverage}).`,
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
