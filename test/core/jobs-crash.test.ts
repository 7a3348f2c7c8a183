import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/core/db/database.js';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/test-app.js';

const WORKER = path.resolve('test/support/job-crash-worker.ts');

function startWorker(mode: 'start' | 'resume', env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, mode], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const waitForLine = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`worker ${mode}: no ${pattern} within ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`)),
        timeoutMs,
      );
      const check = () => {
        const m = out.match(pattern);
        if (m) {
          clearTimeout(timer);
          resolve(m);
        }
      };
      child.stdout!.on('data', check);
      child.on('exit', () =>
        setTimeout(() => {
          check();
          clearTimeout(timer);
          reject(new Error(`worker ${mode} exited\nstdout: ${out}\nstderr: ${err}`));
        }, 50),
      );
    });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));
  return { child, waitForLine, exited };
}

/** Starts the data directory from the migrated test template, so the worker does not spend its time migrating. */
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

const children: ChildProcess[] = [];
let testDb: TestDatabase | null = null;
let dataDir: string | null = null;
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await testDb?.drop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('job durability', () => {
  it('a job survives kill -9 of the worker process and completes after a restart', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
    if (usingPostgres()) {
      testDb = await createTestDatabase();
      env.DATABASE_URL = testDb.url!;
    } else {
      delete env.DATABASE_URL;
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-crash-'));
      env.TALKBASE_DATA_DIR = dataDir;
      await seedFromTemplate(path.join(dataDir, 'pgdata'));
    }

    const first = startWorker('start', env);
    children.push(first.child);
    const [, jobId] = await first.waitForLine(/RUNNING ([0-9a-f-]{36})/, 60_000);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(-1);

    const second = startWorker('resume', env);
    children.push(second.child);
    await second.waitForLine(/DONE/, 80_000);
    expect(await second.exited).toBe(0);

    const database: Database = testDb ? testDb.database : await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir!, 'pgdata') });
    try {
      const [job] = await database.query<{ state: string; retry_count: number }>(
        'SELECT state::text AS state, retry_count FROM pgboss.job WHERE id = $1',
        [jobId],
      );
      expect(job).toEqual({ state: 'completed', retry_count: 1 });
      const attempts = await database.query<{ attempt: number; pid: number }>(
        'SELECT attempt, pid FROM crashtest.attempts WHERE job_id = $1 ORDER BY attempt',
        [jobId],
      );
      expect(attempts.map((a) => a.attempt)).toEqual([1, 2]);
      expect(attempts[0]!.pid).toBe(first.child.pid);
      expect(attempts[1]!.pid).toBe(second.child.pid);
      expect(await database.query('SELECT label FROM crashtest.effects WHERE job_id = $1', [jobId])).toEqual([{ label: 'survived' }]);
    } finally {
      if (!testDb) await database.close();
    }
  }, 150_000);
});
