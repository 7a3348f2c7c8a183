import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/db/database.js';
import { DataDirLockedError, lockFilePath, type LockOwner } from '../../src/core/db/data-dir-lock.js';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { usingPostgres } from '../support/test-app.js';

// One embedded database directory, one process: a second `talkbase` process on it stops with the first one's pid,
// and the commands that must run beside the server (purge, admin grant) go through it.

interface CliResult {
  code: number | null;
  out: string;
}

/** `talkbase <args>` as its own process, on the embedded database in `dataDir` (DATABASE_URL unset). */
function cli(dataDir: string, args: string[], timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
      env: { ...process.env, DATABASE_URL: '', TALKBASE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TALKBASE_BCRYPT_COST: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`talkbase ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

describe('one process per embedded data directory', () => {
  let dataDir: string;
  let server: ServerProcess | null = null;
  let base: string;
  const pgdata = () => path.join(dataDir, 'pgdata');
  const lockFile = () => lockFilePath(pgdata());
  const owner = () => JSON.parse(fs.readFileSync(lockFile(), 'utf8')) as LockOwner;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-lock-'));
    const port = await freePort();
    server = await startServerProcess(port, { DATABASE_URL: '', TALKBASE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', TALKBASE_BCRYPT_COST: '4' });
    base = `http://127.0.0.1:${port}`;
  }, 150_000);
  afterAll(async () => {
    await server?.kill();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("the server's lock names its pid, is readable only by its account, and tells commands where to reach it", () => {
    const lock = owner();
    expect(lock.pid).toBe(server!.child.pid);
    expect(lock.hostname).toBe(os.hostname());
    expect(lock.command).toBe('talkbase serve');
    expect(lock.control?.url).toBe(base);
    expect(fs.statSync(lockFile()).mode & 0o777).toBe(0o600);
  });

  it('refuses a second process with a message naming the directory, the owner and what to do', async () => {
    const pid = server!.child.pid!;
    const result = await cli(dataDir, ['migrate']);
    expect(result.code, result.out).toBe(1);
    expect(result.out).toContain(`the embedded database ${pgdata()} is in use by process ${pid}`);
    expect(result.out).toContain('talkbase serve');
    expect(result.out).toMatch(/Stop that process first/);
    expect(result.out).toContain('DATABASE_URL');
    expect(result.out).toContain(`delete ${lockFile()}`);
    // The server was not disturbed, and its lock is still its own.
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    expect(owner().pid).toBe(pid);
  });

  it('runs `talkbase purge` and `talkbase admin grant` through the running server', async () => {
    const email = `lock.${Date.now()}@example.com`;
    const registered = await fetch(`${base}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    expect(registered.status).toBe(201);
    const { tokens } = (await registered.json()) as { tokens: { accessToken: string } };
    const auth = { authorization: `Bearer ${tokens.accessToken}` };
    expect((await fetch(`${base}/v1/admin/users`, { headers: auth })).status).toBe(403);

    const grant = await cli(dataDir, ['admin', 'grant', email]);
    expect(grant.code, grant.out).toBe(0);
    expect(grant.out).toContain(`the server (process ${server!.child.pid}) has the embedded database open`);
    expect(grant.out).toMatch(/is now a deployment admin/);
    expect((await fetch(`${base}/v1/admin/users`, { headers: auth })).status).toBe(200);

    const purge = await cli(dataDir, ['purge', '--batch', '50']);
    expect(purge.code, purge.out).toBe(0);
    expect(purge.out).toContain('has the embedded database open');
    expect(purge.out).toMatch(/rows handled by \d+ policies as of/);
    const unknown = await cli(dataDir, ['purge', '--policy', 'no-such-policy']);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('no retention policy named "no-such-policy"');
  });

  it("the server's control routes need the key from the lock file", async () => {
    for (const authorization of [undefined, 'Bearer not-the-key', `Bearer ${tokensOfNobody()}`]) {
      const res = await fetch(`${base}/v1/local/retention/purge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({ batchSize: 10, timeBudgetSeconds: 5, policies: [] }),
      });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('takes over the lock of a killed server; a finished command leaves no lock behind', async () => {
    await server!.kill();
    server = null;
    expect(fs.existsSync(lockFile())).toBe(true);
    const result = await cli(dataDir, ['migrate']);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain('database is up to date');
    expect(fs.existsSync(lockFile())).toBe(false);
  });
});

function tokensOfNobody(): string {
  return 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJub2JvZHkifQ.c2lnbmF0dXJl';
}

describe('the directory lock in one process', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-lock-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a second open of the same directory until the first is closed', async () => {
    const pgdata = path.join(dir, 'one');
    const first = await openDatabase({ kind: 'pglite', dataDir: pgdata });
    try {
      const second = openDatabase({ kind: 'pglite', dataDir: pgdata });
      await expect(second).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(second).rejects.toThrow(`in use by process ${process.pid} (this process)`);
    } finally {
      await first.close();
    }
    expect(fs.existsSync(lockFilePath(pgdata))).toBe(false);
    const again = await openDatabase({ kind: 'pglite', dataDir: pgdata });
    await again.close();
  });

  it('believes a lock from another host while it is fresh, and takes it over once its holder stopped touching it', async () => {
    const pgdata = path.join(dir, 'two');
    const file = lockFilePath(pgdata);
    const foreign: LockOwner = {
      pid: 7,
      hostname: 'talkbase-other-host',
      command: 'talkbase serve',
      startedAt: new Date().toISOString(),
      nonce: 'abc',
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(foreign), { mode: 0o600 });
    await expect(openDatabase({ kind: 'pglite', dataDir: pgdata })).rejects.toThrow(/in use by process 7 on host talkbase-other-host/);
    const longAgo = new Date(Date.now() - 5 * 60_000);
    fs.utimesSync(file, longAgo, longAgo);
    const db = await openDatabase({ kind: 'pglite', dataDir: pgdata });
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner).pid).toBe(process.pid);
    await db.close();
  });

  it('takes over the lock of a process that is gone', async () => {
    const pgdata = path.join(dir, 'three');
    const file = lockFilePath(pgdata);
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.once('exit', resolve));
    const dead: LockOwner = {
      pid: gone.pid!,
      hostname: os.hostname(),
      command: 'talkbase purge',
      startedAt: new Date().toISOString(),
      nonce: 'def',
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(dead), { mode: 0o600 });
    const db = await openDatabase({ kind: 'pglite', dataDir: pgdata });
    expect((JSON.parse(fs.readFileSync(file, 'utf8')) as LockOwner).pid).toBe(process.pid);
    await db.close();
  });

  it.runIf(usingPostgres())('leaves a PostgreSQL server alone: no lock, any number of processes', async () => {
    const url = process.env.DATABASE_URL!;
    const a = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    const b = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    expect(a.lock).toBeUndefined();
    await Promise.all([a.close(), b.close()]);
  });
});
