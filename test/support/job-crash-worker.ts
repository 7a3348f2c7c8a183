// A worker process for the crash test: `start` enqueues a job whose first attempt hangs (the test kills
// this process with SIGKILL while it runs); `resume` starts again on the same database and waits for the
// job to complete. The database comes from the environment: DATABASE_URL, or PGlite in TALKBASE_DATA_DIR.
import { loadConfig } from '../../src/config.js';
import type { Core } from '../../src/core/context.js';
import { openDatabase } from '../../src/core/db/database.js';
import { migrate } from '../../src/core/db/migrate.js';
import { createJobQueue } from '../../src/core/jobs/job-queue.js';
import type { JobDefinition } from '../../src/core/product.js';

const mode = process.argv[2];
const crashJob: JobDefinition<{ label: string }, Core> = {
  name: 'crashtest.work',
  timeoutSeconds: 2,
  retryDelay: 0,
  async run(core, data: { label: string }, job) {
    await core.database.query('INSERT INTO crashtest.attempts (job_id, attempt, pid) VALUES ($1, $2, $3)', [
      job.id,
      job.attempt,
      process.pid,
    ]);
    if (job.attempt === 1) {
      process.stdout.write(`RUNNING ${job.id}\n`);
      await new Promise(() => undefined);
    }
    await core.database.query('INSERT INTO crashtest.effects (job_id, label) VALUES ($1, $2)', [job.id, data.label]);
  },
};

// Only the queue and the database: the part whose durability is under test, and quick to start.
const db = await openDatabase(loadConfig().database);
await migrate(db);
const quiet = { error: () => undefined, warn: () => undefined };
const jobs = createJobQueue({
  database: db,
  log: quiet as never,
  core: () => ({ database: db, db: db.db }) as unknown as Core,
  options: { pollingSeconds: 0.5, superviseSeconds: 1, cronSeconds: 1 },
});
jobs.define(crashJob);
await jobs.start();

if (mode === 'start') {
  await db.query('CREATE SCHEMA IF NOT EXISTS crashtest');
  await db.query('CREATE TABLE IF NOT EXISTS crashtest.attempts (job_id uuid NOT NULL, attempt int NOT NULL, pid int NOT NULL)');
  await db.query('CREATE TABLE IF NOT EXISTS crashtest.effects (job_id uuid NOT NULL, label text NOT NULL)');
  const id = await jobs.send('crashtest.work', { label: 'survived' });
  process.stdout.write(`SENT ${id}\n`);
  // Bounded: the test kills this process long before.
  await new Promise((r) => setTimeout(r, 60_000));
  process.stdout.write('NOT KILLED\n');
  process.exit(1);
} else {
  const deadline = Date.now() + 70_000;
  for (;;) {
    const [row] = await db.query<{ state: string }>(`SELECT state::text AS state FROM pgboss.job WHERE name = 'crashtest.work'`);
    if (row?.state === 'completed') break;
    if (Date.now() > deadline) {
      process.stdout.write(`TIMEOUT ${row?.state}\n`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await jobs.stop();
  await db.close();
  process.stdout.write('DONE\n');
  process.exit(0);
}
