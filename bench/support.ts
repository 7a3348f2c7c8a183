// What every benchmark shares: a fresh database of either kind, percentiles, the machine, and the report files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/core/db/database.js';
import { migrate } from '../src/core/db/migrate.js';

/**
 * The node flags `npm start` serves with, read from package.json's start script, so the benchmarks run the server as
 * it runs. Today a young generation of at most 4 MB per semi-space instead of 16: a busy server's memory about 25 MB
 * lower at the same throughput within the noise of a shared machine (deploy/Dockerfile starts it the same way).
 */
export const SERVER_NODE_FLAGS: string[] = (
  /^node ((?:--\S+ )*)scripts\/start\.mjs/.exec(
    (
      JSON.parse(fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../package.json'), 'utf8')) as {
        scripts: { start: string };
      }
    ).scripts.start,
  )?.[1] ?? ''
)
  .split(' ')
  .filter(Boolean);

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The p-th percentile (0–100) of the values, nearest rank. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Runs `work` on a fresh, migrated database: in-memory PGlite, or a new database on the PostgreSQL server that is dropped afterwards. */
export async function withBenchDatabase<T>(kind: 'pglite' | 'postgres', work: (database: Database) => Promise<T>): Promise<T> {
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      await migrate(database);
      return await work(database);
    } finally {
      await database.close();
    }
  }
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `talkbase_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  try {
    await migrate(database);
    return await work(database);
  } finally {
    await database.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  }
}

/** The machine a result was measured on; other work sharing the CPUs inflates latencies, so the load average is kept too. */
export function machineInfo(loadAverageAtStart: number) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: round(loadAverageAtStart, 2),
    loadAverageAtEnd: round(os.loadavg()[0]!, 2),
  };
}

export function writeReport(name: string, json: unknown, markdown: string): void {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdown);
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as import('node:net').AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc). */
export function processTreeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  let rssKb = 0;
  const own = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const rss = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      own.set(Number(entry), rss);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  const queue = [pid];
  while (queue.length) {
    const next = queue.pop()!;
    rssKb += own.get(next) ?? 0;
    queue.push(...(children.get(next) ?? []));
  }
  return round(rssKb / 1024, 1);
}

/** CPU time (user + system, in ms) used so far by a process and its descendants, reaped children included. */
export function processTreeCpuMs(pid: number): number {
  const children = new Map<number, number[]>();
  const own = new Map<number, number>();
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      own.set(Number(entry), (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * tick);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const queue = [pid];
  while (queue.length) {
    const next = queue.pop()!;
    total += own.get(next) ?? 0;
    queue.push(...(children.get(next) ?? []));
  }
  return total;
}

export interface BenchServer {
  pid: number;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first 200 from /ready. */
  readyMs: number;
  /** CPU milliseconds the process tree used until then. */
  readyCpuMs: number;
  log: () => string;
  rssMb: () => number;
  stop: () => Promise<number | null>;
}

/**
 * Starts a server process (by default Talkbase as `npm start` runs it, without npm in between) on a free loopback
 * port and waits for GET /ready to answer 200. The process gets its own process group so stop() ends all of it.
 */
export async function startServer(options: {
  env: Record<string, string>;
  command?: string[];
  readyPath?: string;
  timeoutMs?: number;
}): Promise<BenchServer> {
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const command = options.command ?? [process.execPath, ...SERVER_NODE_FLAGS, 'scripts/start.mjs', 'serve'];
  const root = path.resolve(RESULTS_DIR, '../..');
  const started = performance.now();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      LOG_LEVEL: 'warn',
      ...options.env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 120_000);
  let readyMs = -1;
  let readyCpuMs = 0;
  while (performance.now() < deadline && exitCode === undefined) {
    try {
      const res = await fetch(`${url}${options.readyPath ?? '/ready'}`);
      await res.arrayBuffer();
      if (res.status === 200) {
        readyMs = performance.now() - started;
        readyCpuMs = processTreeCpuMs(child.pid!);
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const stop = async () => {
    if (exitCode !== undefined) return exitCode;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 20_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  if (readyMs < 0) {
    await stop();
    throw new Error(`the server did not become ready (${command.join(' ')}):\n${log}`);
  }
  return { pid: child.pid!, port, url, readyMs, readyCpuMs, log: () => log, rssMb: () => processTreeRssMb(child.pid!), stop };
}

/**
 * A database for a Talkbase server process, migrated and with the chat personas in: an embedded data directory, or a
 * new database on the PostgreSQL server (dropped by cleanup). Returns the server's environment.
 */
export async function prepareServerDatabase(
  kind: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const { seedPersonas } = await import('../src/products/chat/personas.js');
  const { generateKeyring, serializeKeyring } = await import('../src/core/crypto/keyring.js');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-bench-'));
  const base = { TALKBASE_DATA_DIR: dataDir, TALKBASE_BCRYPT_COST: '4', TALKBASE_ACCESS_TOKEN_SECONDS: '3600' };
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    await migrate(database);
    await seedPersonas({ db: database.db } as never);
    await database.close();
    return { env: base, cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `talkbase_bench_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: adminUrl, poolSize: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  await migrate(database);
  await seedPersonas({ db: database.db } as never);
  await database.close();
  return {
    env: { ...base, DATABASE_URL: url.toString(), TALKBASE_KEYS: serializeKeyring(generateKeyring()) },
    cleanup: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Registers an account over HTTP and returns its id and access token. */
export async function registerUser(baseUrl: string, label = 'bench'): Promise<{ id: string; token: string; refreshToken: string }> {
  const email = `${label}-${randomBytes(5).toString('hex')}@example.com`;
  const res = await fetch(`${baseUrl}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery staple' }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; tokens: { accessToken: string; refreshToken: string } };
  return { id: body.user.id, token: body.tokens.accessToken, refreshToken: body.tokens.refreshToken };
}

/** JSON over HTTP with a bearer token; throws on an unexpected status. */
export async function api<T = any>(
  baseUrl: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  expect = [200, 201],
): Promise<T> {
  const res = await fetch(`${baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export interface LoadResult {
  requestsPerSecond: number;
  requests: number;
  /** Responses with a status of 400 or more. */
  non2xx: number;
  socketErrors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  seconds: number;
  connections: number;
}

/**
 * Load from a second process on loopback: Debian's `wrk`, one thread, a fixed number of keep-alive connections.
 * `request` is a Lua snippet setting wrk.method / wrk.body / wrk.headers (or a request() function).
 */
export async function runWrk(
  url: string,
  options: { seconds: number; connections: number; lua?: string; headers?: Record<string, string> },
): Promise<LoadResult> {
  const { execFile } = await import('node:child_process');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-wrk-'));
  const script = path.join(dir, 'script.lua');
  fs.writeFileSync(
    script,
    `${Object.entries(options.headers ?? {})
      .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
      .join('\n')}
${options.lua ?? ''}
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('JSON {"requests":%d,"micros":%d,"status":%d,"errors":%d,"p50":%d,"p90":%d,"p99":%d}\\n',
    summary.requests, summary.duration, summary.errors.status, errors,
    latency:percentile(50), latency:percentile(90), latency:percentile(99)))
end
`,
  );
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        'wrk',
        ['-t1', `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', script, url],
        { timeout: (options.seconds + 60) * 1000 },
        (err, out) => (err ? reject(err) : resolve(out)),
      ),
    );
    const line = stdout.split('\n').find((l) => l.startsWith('JSON '));
    if (!line) throw new Error(`wrk printed no summary:\n${stdout}`);
    const r = JSON.parse(line.slice(5)) as Record<string, number>;
    const seconds = r.micros! / 1e6;
    return {
      requestsPerSecond: round(r.requests! / seconds, 1),
      requests: r.requests!,
      non2xx: r.status!,
      socketErrors: r.errors!,
      p50Ms: round(r.p50! / 1000, 2),
      p90Ms: round(r.p90! / 1000, 2),
      p99Ms: round(r.p99! / 1000, 2),
      seconds: round(seconds, 1),
      connections: options.connections,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses a `--name value` flag; `--quick` style flags are booleans. */
export function flagValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
