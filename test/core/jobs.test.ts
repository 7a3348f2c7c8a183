import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';
import { createEffectsTable, effects, FAST, flaky, jobRow, jobsProduct } from '../support/job-test-product.js';

let t: TestApp;
let admin: { auth: { authorization: string } };
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [jobsProduct], jobs: FAST } });
  await createEffectsTable(t);
  const u = await signUp(t.app);
  await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [u.user.id]);
  admin = u;
});
afterAll(async () => t?.close());

describe('job queue', () => {
  it('retries a failing job with growing delays, then keeps it as failed (dead letter); an admin retry runs it again', async () => {
    flaky.failUntilAttempt = Number.POSITIVE_INFINITY;
    const id = (await t.app.core.jobs.send('jobtest.flaky', { tag: 'dead' }))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(async () => (await jobRow(t, id))?.state === 'failed', 30_000);

    const attempts = await effects(t, 'dead');
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3]);
    const at = attempts.map((a) => new Date(a.at).getTime());
    // retryDelay 1 with backoff: about 1–2 s before the second attempt, 2–4 s before the third.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(900);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1900);

    const listed = await t.app.inject({ url: '/v1/admin/jobs?state=failed&queue=jobtest.flaky', headers: admin.auth });
    expect(listed.statusCode).toBe(200);
    const body = listed.json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ id, queue: 'jobtest.flaky', state: 'failed', retryCount: 2, retryLimit: 2 });
    expect(body.items[0].error).toMatch(/attempt 3 failed/);
    expect(body.queues.find((q: { queue: string }) => q.queue === 'jobtest.flaky')).toMatchObject({ failed: 1, created: 0, active: 0 });

    const notAdmin = await signUp(t.app);
    expect((await t.app.inject({ url: '/v1/admin/jobs', headers: notAdmin.auth })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: `/v1/admin/jobs/${id}/retry`, headers: notAdmin.auth })).statusCode).toBe(403);

    flaky.failUntilAttempt = 0;
    const retried = await t.app.inject({ method: 'POST', url: `/v1/admin/jobs/${id}/retry`, headers: admin.auth });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id, state: 'retry' });
    await waitFor(async () => (await jobRow(t, id))?.state === 'completed', 20_000);
    expect((await effects(t, 'dead')).length).toBe(4);

    const again = await t.app.inject({ method: 'POST', url: `/v1/admin/jobs/${id}/retry`, headers: admin.auth });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:talkbase:problem:job.not_failed');
    const missing = await t.app.inject({
      method: 'POST',
      url: '/v1/admin/jobs/00000000-0000-4000-8000-000000000000/retry',
      headers: admin.auth,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('creates one job per idempotency key, even for concurrent sends', async () => {
    const first = await t.app.core.jobs.send('jobtest.record', { tag: 'idem' }, { idempotencyKey: 'order-1', startAfter: 3600 });
    const second = await t.app.core.jobs.send('jobtest.record', { tag: 'idem' }, { idempotencyKey: 'order-1', startAfter: 3600 });
    expect(first).toBeTruthy();
    expect(second).toBeNull();

    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.app.core.jobs.send('jobtest.record', { tag: 'idem-c' }, { idempotencyKey: 'order-2', startAfter: 3600 }),
      ),
    );
    const ids = concurrent.filter(Boolean);
    expect(ids).toHaveLength(1);

    const jobs = await t.database.query<{ id: string }>(
      `SELECT id FROM pgboss.job WHERE name = 'jobtest.record' AND data->>'tag' IN ('idem', 'idem-c')`,
    );
    expect(jobs.map((j) => j.id).sort()).toEqual([first, ids[0]].sort());
    const keys = await t.database.query<{ key: string; job_id: string }>(
      `SELECT key, job_id FROM core.job_keys WHERE queue = 'jobtest.record' ORDER BY key`,
    );
    expect(keys).toEqual([
      { key: 'order-1', job_id: first },
      { key: 'order-2', job_id: ids[0] },
    ]);
    // The same key on another queue is another job.
    expect(
      await t.app.core.jobs.send('jobtest.flaky', { tag: 'other-queue' }, { idempotencyKey: 'order-1', startAfter: 3600 }),
    ).toBeTruthy();
  });

  it('enqueues inside a caller transaction: nothing is left when it rolls back', async () => {
    await expect(
      t.app.core.db.transaction(async (tx) => {
        await t.app.core.jobs.send('jobtest.record', { tag: 'rolled-back' }, { tx: tx as never, idempotencyKey: 'rb-1' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.database.query(`SELECT 1 FROM pgboss.job WHERE data->>'tag' = 'rolled-back'`)).toHaveLength(0);
    expect(await t.database.query(`SELECT 1 FROM core.job_keys WHERE key = 'rb-1'`)).toHaveLength(0);

    const id = await t.app.core.db.transaction(async (tx) =>
      t.app.core.jobs.send('jobtest.record', { tag: 'committed' }, { tx: tx as never, idempotencyKey: 'rb-1' }),
    );
    expect(id).toBeTruthy();
    await waitFor(async () => (await effects(t, 'committed')).length === 1, 15_000);
    // The queue marks the job completed just after its handler returns.
    await waitFor(async () => (await jobRow(t, id!))?.state === 'completed', 15_000, 'the job to be marked completed');
    expect(await effects(t, 'committed')).toHaveLength(1);
  });

  it('refuses to send to a job nobody defined', async () => {
    await expect(t.app.core.jobs.send('jobtest.nothing', {})).rejects.toMatchObject({ code: 'job.unknown_queue' });
  });

  it('fires a cron schedule (UTC) and runs its handler', async () => {
    await waitFor(async () => (await effects(t, 'schedule')).length >= 1, 20_000);
    const [schedule] = await t.database.query<{ cron: string; timezone: string }>(
      `SELECT cron, timezone FROM pgboss.schedule WHERE name = 'jobtest.every-minute'`,
    );
    expect(schedule).toEqual({ cron: '* * * * *', timezone: 'UTC' });
  });

  it('reports queue depth in the stats and the metrics', async () => {
    await t.app.core.jobs.send('jobtest.record', { tag: 'later' }, { startAfter: new Date(Date.now() + 3_600_000) });
    const stats = await t.app.core.jobs.stats();
    const record = stats.find((s) => s.queue === 'jobtest.record')!;
    expect(record.created).toBeGreaterThanOrEqual(3);
    const metrics = await t.app.inject({ url: '/metrics' });
    expect(metrics.body).toMatch(new RegExp(`talkbase_job_queue_depth\\{queue="jobtest.record",state="created"\\} ${record.created}`));
  });
});
