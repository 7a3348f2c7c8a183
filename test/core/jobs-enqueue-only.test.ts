import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../src/core/db/transaction.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { createEffectsTable, FAST, jobsProduct } from '../support/job-test-product.js';

// What the command line does (`talkbase seed`, `purge` …): a process that only enqueues, its jobs run by the server.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { workers: false }, deps: { products: [jobsProduct], jobs: FAST } });
  await createEffectsTable(t);
});
afterAll(async () => t?.close());

describe('job queue without workers', () => {
  it('enqueues a job inside a transaction on a fresh queue, and the job commits with the transaction', async () => {
    const sent = inTransaction(t.app.core.db, async (tx) => {
      await tx.execute(sql`INSERT INTO jobtest.effects (tag, attempt) VALUES ('enqueue-only', 0)`);
      return t.app.core.jobs.send('jobtest.record', { tag: 'later' }, { tx, idempotencyKey: 'enqueue-only-1' });
    });
    // On the embedded database a send that looked its queue up on another connection would wait for this
    // transaction forever; a bounded wait turns that into a failure instead of a hung suite.
    const id = await Promise.race([sent, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 15_000))]);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await t.database.query<{ state: string }>('SELECT state::text AS state FROM pgboss.job WHERE id = $1', [id]);
    expect(rows.map((r) => r.state)).toEqual(['created']);
    expect(await t.database.query(`SELECT 1 FROM jobtest.effects WHERE tag = 'enqueue-only'`)).toHaveLength(1);
  });
});
