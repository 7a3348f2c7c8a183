import { describe, expect, it } from 'vitest';
import { createTestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { createEffectsTable, effects, FAST, jobRow, jobsProduct } from '../support/job-test-product.js';

describe('job queue lifecycle', () => {
  it('a clean stop lets the running job finish first, and it may still enqueue', async () => {
    const app = await createTestApp({ deps: { products: [jobsProduct], jobs: FAST } });
    try {
      await createEffectsTable(app);
      const id = (await app.app.core.jobs.send('jobtest.slow', { tag: 'stop', ms: 1500, followUp: 'sent-while-stopping' }))!;
      await waitFor(async () => (await effects(app, 'stop:started')).length === 1, 15_000);
      await app.app.close();
      expect(await effects(app, 'stop:finished')).toHaveLength(1);
      expect((await jobRow(app, id))?.state).toBe('completed');
      // Work finishing during the stop may still enqueue; the follow-up waits for the next start.
      expect(await app.database.query(`SELECT state::text AS state FROM pgboss.job WHERE data->>'tag' = 'sent-while-stopping'`)).toEqual([
        { state: 'created' },
      ]);
    } finally {
      await app.close();
    }
  });

  it('with workers off, a process only enqueues', async () => {
    const app = await createTestApp({ deps: { products: [jobsProduct], jobs: { ...FAST, workers: false } } });
    try {
      await createEffectsTable(app);
      expect(app.app.core.jobs.runsWorkers).toBe(false);
      const id = (await app.app.core.jobs.send('jobtest.record', { tag: 'no-workers' }))!;
      await new Promise((r) => setTimeout(r, 1500));
      expect((await jobRow(app, id))?.state).toBe('created');
      expect(await effects(app, 'no-workers')).toHaveLength(0);
      expect(await app.database.query(`SELECT 1 FROM pgboss.schedule`)).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
