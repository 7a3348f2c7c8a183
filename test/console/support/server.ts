// A real Talkbase server for the console's browser tests, started the way `npm start` starts it:
// `tsx src/main.ts serve` on a free port, a temporary data directory, and (with DATABASE_URL) a fresh
// database of its own on that PostgreSQL server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { generateKeyring, serializeKeyring } from '../../../src/core/crypto/keyring.js';
// @ts-expect-error a plain JavaScript module without types
import { buildConsole } from '../../../scripts/build-console.mjs';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = path.join(REPO, 'node_modules', '.bin', 'tsx');

export interface Account {
  id: string;
  email: string;
  password: string;
  fullName: string;
  accessToken: string;
  refreshToken: string;
}

export interface ConsoleServer {
  url: string;
  /** `127.0.0.1:<port>`: the only host the console may talk to. */
  host: string;
  env: Record<string, string>;
  /** Calls the API as an account (or anonymously) and answers the parsed body; throws on a non-2xx status. */
  api<T = any>(method: string, apiPath: string, options?: { token?: string; body?: unknown }): Promise<T>;
  /** Creates an account through the API. */
  signUp(prefix?: string): Promise<Account>;
  /** Runs a `talkbase` command against this server's database (the embedded one is closed for it and reopened). */
  cli(...args: string[]): Promise<string>;
  /** The server's log so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['src/main.ts', ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`talkbase ${args.join(' ')} exited ${code}: ${out.slice(-2000)}`)),
    );
  });
}

export interface StartOptions {
  /** Run `talkbase seed` before starting (the demo account and each product's demo data). */
  seed?: boolean;
  /** Extra environment for the server. */
  env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<ConsoleServer> {
  await buildConsole({ quiet: true });
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-console-'));
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    TALKBASE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    TALKBASE_BCRYPT_COST: '4',
    TALKBASE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    // These tests share a small machine with other suites; a lagging event loop must not turn a page load
    // into a 503 here (load shedding has its own tests).
    TALKBASE_SHED_EVENT_LOOP_DELAY_MS: '0',
    ...options.env,
  };
  let dropDatabase: (() => Promise<void>) | null = null;
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `talkbase_console_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    env.TALKBASE_KEYS = serializeKeyring(generateKeyring());
    dropDatabase = async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  }

  const cleanUp = async () => {
    await dropDatabase?.().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  if (options.seed) {
    try {
      await run(['seed'], env);
    } catch (err) {
      await cleanUp();
      throw err;
    }
  }

  let child: ChildProcess | null = null;
  let output = '';
  const base = `http://127.0.0.1:${port}`;

  async function launch() {
    output = '';
    child = spawn(TSX, ['src/main.ts', 'serve'], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
    child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
    const exited = new Promise<never>((_, reject) =>
      child!.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${output}`))),
    );
    const until = Date.now() + 120_000;
    const ready = (async () => {
      while (Date.now() < until) {
        try {
          if ((await fetch(`${base}/ready`)).status === 200) return;
        } catch {}
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`the server was not ready within 120 s:\n${output}`);
    })();
    await Promise.race([ready, exited]);
  }

  async function halt() {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGTERM');
    });
  }

  try {
    await launch();
  } catch (err) {
    await halt();
    await cleanUp();
    throw err;
  }

  const server: ConsoleServer = {
    url: base,
    host: `127.0.0.1:${port}`,
    env,
    async api(method, apiPath, opts = {}) {
      const res = await fetch(`${base}${apiPath}`, {
        method,
        headers: {
          ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
        body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${apiPath} answered ${res.status}: ${text}`);
      return text ? JSON.parse(text) : undefined;
    },
    async signUp(prefix = 'user') {
      const email = `${prefix}-${randomBytes(4).toString('hex')}@example.com`;
      const password = `pw-${randomBytes(6).toString('hex')}`;
      const fullName = `${prefix.charAt(0).toUpperCase()}${prefix.slice(1)} Tester`;
      const answer = await server.api('POST', '/v1/auth/register', { body: { email, password, fullName } });
      return {
        id: answer.user.id,
        email,
        password,
        fullName,
        accessToken: answer.tokens.accessToken,
        refreshToken: answer.tokens.refreshToken,
      };
    },
    async cli(...args) {
      if (env.DATABASE_URL) return run(args, env);
      await halt();
      try {
        return await run(args, env);
      } finally {
        await launch();
      }
    },
    log: () => output,
    async stop() {
      await halt();
      await cleanUp();
    },
  };
  return server;
}
