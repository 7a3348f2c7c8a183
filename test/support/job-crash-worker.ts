// A worker process for the crash test: `start` enqueues a job whose first attempt hangs (the test kills
// this process with SIGKILL while it runs); `resume` starts again on the same database and waits for the
// job to complete. The database comes from the environment: DATABASE_URL, or PGlite in TALKBASE_DATA_DIR.
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { generateKeyring } from '../../src/core/crypto/keyring.js';
import { defineProduct } from '../../src/core/product.js';

const mode = process.argv[2];
const crashProduct = defineProduct({
  name: 'crashtest',
  jobs: [
    {
      name: 'crashtest.work',
      timeoutSeconds: 2,
      retryDelay: 0,
      async run(core, data: { label: string }, job) {
        await core.database.query('INSERT INTO crashtest.attempts (job_id, attempt, pid) VALUES ($1, $2, $3)', [job.id, job.attempt, process.pid]);
        if (job.attempt === 1) {
          process.stdout.write(`RUNNING ${job.id}\n`);
          await new Promise(() => undefined);
        }
        await core.database.query('INSERT INTO crashtest.effects (job_id, label) VALUES ($1, $2)', [job.id, data.label]);
      },
    },
  ],
});

const config = { ...loadConfig(), logLevel: 'silent', bcryptCost: 4 };
const app = await buildApp(config, {
  logger: false,
  keyring: generateKeyring(),
  products: [crashProduct],
  jobs: { pollingSeconds: 0.5, superviseSeconds: 1, cronSeconds: 1 },
});
const db = app.core.database;

if (mode === 'start') {
  await db.query('CREATE SCHEMA IF NOT EXISTS crashtest');
  await db.query('CREATE TABLE IF NOT EXISTS crashtest.attempts (job_id uuid NOT NULL, attempt int NOT NULL, pid int NOT NULL)');
  await db.query('CREATE TABLE IF NOT EXISTS crashtest.effects (job_id uuid NOT NULL, label text NOT NULL)');
  const id = await app.core.jobs.send('crashtest.work', { label: 'survived' });
  process.stdout.write(`SENT ${id}\n`);
  // Bounded: the test kills this process long before.
  await new Promise((r) => setTimeout(r, 60_000));
  process.stdout.write('NOT KILLED\n');
  process.exit(1);
} else {
  const deadline = Date.now() + 40_000;
  for (;;) {
    const [row] = await db.query<{ state: string }>(`SELECT state::text AS state FROM pgboss.job WHERE name = 'crashtest.work'`);
    if (row?.state === 'completed') break;
    if (Date.now() > deadline) {
      process.stdout.write(`TIMEOUT ${row?.state}\n`);
      process.exit(1);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await app.close();
  await db.close();
  process.stdout.write('DONE\n');
  process.exit(0);
}
