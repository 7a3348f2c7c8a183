// A real `talkbase serve` process for the crash suite: started on a free loopback port with its own data,
// stopped by signal, restarted on the same data.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { generateKeyring, serializeKeyring } from '../../../src/core/crypto/keyring.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../../support/test-app.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Only what a server needs from the environment, so the suite's own DATABASE_URL never leaks into a child. */
export function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'NODE_OPTIONS']) if (process.env[k]) env[k] = process.env[k]!;
  return { LOG_LEVEL: 'warn', TALKBASE_BCRYPT_COST: '4', HOST: '127.0.0.1', ...env, ...extra };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  log(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** Kills every server a test left running (SIGKILL: nothing to wait for). */
export function killAll(): void {
  for (const c of running) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  running.clear();
}

/** Starts `talkbase serve` and resolves once `wait` answers 200 (`/ready`, or `/health` when the database may be down). */
export async function startServer(
  env: Record<string, string>,
  opts: { wait?: '/ready' | '/health'; timeoutMs?: number; compiled?: boolean; args?: string[] } = {},
): Promise<ServerProcess> {
  const port = Number(env.PORT) || (await freePort());
  // `compiled`: as `npm start` runs it, from dist/ (rebuilt first when a source changed).
  const entry = opts.compiled ? [path.resolve('scripts/start.mjs')] : ['--import', 'tsx', path.resolve('src/main.ts')];
  const child = spawn(process.execPath, [...entry, 'serve', ...(opts.args ?? [])], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-200_000)));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-200_000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`server exited before it was ready:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready within ${opts.timeoutMs ?? 90_000} ms:\n${log}`);
    }
    try {
      const res = await fetch(url + (opts.wait ?? '/ready'), { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, log: () => log, exited };
}

export interface ServerData {
  /** The environment (database, keys) a server on this data starts with. */
  env: Record<string, string>;
  kind: 'pglite' | 'postgres';
  cleanup(): Promise<void>;
}

/**
 * Data for a server process: on PostgreSQL (DATABASE_URL set) a fresh migrated database and a keyring; otherwise a
 * PGlite data directory started from the migrated test template, whose keys.json the server creates on first start.
 */
export async function serverData(): Promise<ServerData> {
  if (usingPostgres()) {
    const db: TestDatabase = await createTestDatabase();
    return {
      kind: 'postgres',
      env: { DATABASE_URL: db.url!, TALKBASE_KEYS: serializeKeyring(generateKeyring()), TALKBASE_DATA_DIR: tempDir() },
      cleanup: () => db.drop(),
    };
  }
  const dir = tempDir();
  await seedFromTemplate(path.join(dir, 'pgdata'));
  return { kind: 'pglite', env: { TALKBASE_DATA_DIR: dir }, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tempDir(prefix = 'talkbase-crash-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts a PGlite data directory from the migrated test template, so a server does not spend its start migrating. */
async function seedFromTemplate(dir: string) {
  let template: string | undefined;
  try {
    template = inject('pgliteTemplate');
  } catch {
    return;
  }
  if (!template || !fs.existsSync(template)) return;
  const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
  fs.mkdirSync(dir, { recursive: true });
  const client = await PGlite.create({ dataDir: dir, extensions: { vector }, loadDataDir: new Blob([fs.readFileSync(template)]) });
  await client.close();
}
