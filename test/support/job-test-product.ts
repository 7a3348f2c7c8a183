import { sql } from 'drizzle-orm';
// A product whose jobs record what they did in jobtest.effects, for the job queue tests.
import { defineProduct } from '../../src/core/product.js';
import type { TestApp } from './test-app.js';

export const FAST = { pollingSeconds: 0.5, superviseSeconds: 1, cronSeconds: 1 };

/** Every handler writes what it did into jobtest.effects, so the tests read outcomes from the database. */
export const flaky = { failUntilAttempt: Number.POSITIVE_INFINITY };
export const jobsProduct = defineProduct({
  name: 'jobtest',
  jobs: [
    {
      name: 'jobtest.flaky',
      retryLimit: 2,
      retryDelay: 1,
      retryBackoff: true,
      async run(core, data: { tag: string }, job) {
        await core.db.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES (${data.tag}, ${job.attempt})`);
        if (job.attempt < flaky.failUntilAttempt) throw new Error(`attempt ${job.attempt} failed for a@example.com`);
      },
    },
    {
      name: 'jobtest.record',
      async run(core, data: { tag: string }) {
        await core.db.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES (${data.tag}, 1)`);
      },
    },
    {
      name: 'jobtest.slow',
      async run(core, data: { tag: string; ms: number; followUp?: string }) {
        await core.db.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES (${`${data.tag}:started`}, 0)`);
        await new Promise((r) => setTimeout(r, data.ms));
        await core.db.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES (${`${data.tag}:finished`}, 1)`);
        if (data.followUp) await core.jobs.send('jobtest.record', { tag: data.followUp });
      },
    },
  ],
  schedules: [
    {
      name: 'jobtest.every-minute',
      cron: '* * * * *',
      async run(core) {
        await core.db.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES ('schedule', 1)`);
      },
    },
  ],
});

export async function createEffectsTable(t: TestApp) {
  await t.database.query('CREATE SCHEMA IF NOT EXISTS jobtest');
  await t.database.query(
    'CREATE TABLE IF NOT EXISTS jobtest.effects (tag text NOT NULL, attempt int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())',
  );
}

export const effects = (t: TestApp, tag: string) =>
  t.database.query<{ attempt: number; at: Date | string }>('SELECT attempt, at FROM jobtest.effects WHERE tag = $1 ORDER BY at', [tag]);
export const jobRow = async (t: TestApp, id: string) =>
  (
    await t.database.query<{ state: string; retry_count: number; name: string }>(
      'SELECT state::text AS state, retry_count, name FROM pgboss.job WHERE id = $1',
      [id],
    )
  )[0];
