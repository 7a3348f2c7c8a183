import net from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loadConfig } from '../../src/config.js';
import { defineProduct } from '../../src/core/product.js';
import { requireUser } from '../../src/core/identity/access.js';
import { errorResponses, Strict } from '../../src/core/http/schemas.js';
import { AppError } from '../../src/core/http/errors.js';
import { rowsOf } from '../../src/core/db/database.js';
import { createVoiceTrainingSimulator } from '../../src/core/ai/providers/offline/voice-training.js';
import { generateWebhookSecret } from '../../src/core/webhooks/signature.js';
import type { TrainingJob } from '../../src/core/ai/engine.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

/**
 * A persona-shaped record in a product of its own, driven the way the calls product drives it:
 * starting training sets IN_PROGRESS and stores the engine's job id; only the engine's webhook moves it on.
 */
const LEARNING_STATUS: Record<TrainingJob['status'], string> = {
  QUEUED: 'IN_PROGRESS',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'NOT_STARTED',
};

const voiceProduct = defineProduct({
  name: 'voicetest',
  routes(root: FastifyInstance, core) {
    core.ai.onTrainingStatus(async (tx, job) => {
      // A status can arrive before the route has stored the job id (the engine may be faster than the
      // route's last write): then the persona is found by its id, as the calls product does.
      await tx.execute(sql`UPDATE voicetest.personas SET training_status = ${LEARNING_STATUS[job.status]}, trained_voice_id = ${job.trainedVoiceId ?? null},
                             last_training_job_id = ${job.jobId}, training_updated_at = now()
                           WHERE training_status = 'IN_PROGRESS'
                             AND (last_training_job_id = ${job.jobId} OR (last_training_job_id IS NULL AND id = ${job.personaId}))`);
    });
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/personas/:id/training',
      {
        schema: {
          params: Strict({ id: Type.String() }),
          body: Strict({ fileUrls: Type.Array(Type.String()), fileIds: Type.Optional(Type.Array(Type.String())) }),
          response: { 202: Type.Object({ jobId: Type.String(), status: Type.String() }), ...errorResponses(409) },
        },
      },
      async (request, reply) => {
        const user = requireUser(request);
        const personaId = request.params.id;
        const claimed = rowsOf(
          await core.db.execute(
            sql`UPDATE voicetest.personas SET training_status = 'IN_PROGRESS' WHERE id = ${personaId} AND training_status <> 'IN_PROGRESS' RETURNING id`,
          ),
        );
        if (!claimed.length) throw new AppError('voicetest.training_in_progress', 409, 'training is in progress');
        const fileIds = request.body.fileIds ?? [];
        for (const fileUrl of request.body.fileUrls)
          fileIds.push((await core.ai.uploadVoiceFile({ personaId, fileUrl, userId: user.id })).fileId);
        const job = await core.ai.createTrainingJob({ personaId, fileIds, userId: user.id, idempotencyKey: `train-${personaId}` });
        await core.db.execute(
          sql`UPDATE voicetest.personas SET last_training_job_id = ${job.jobId} WHERE id = ${personaId} AND last_training_job_id IS NULL`,
        );
        return reply.status(202).send({ jobId: job.jobId, status: job.status });
      },
    );
  },
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The last value read once `done` holds, or after 30 s (a busy machine slows the simulated engine's steps and webhooks). */
async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Far from real time: the simulator signs with the app's clock, so the receiver's 5-minute window still holds.
const clock = createManualClock('2026-01-01T00:00:00Z');
let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await createTestApp({
    config: {
      publicUrl: baseUrl,
      ai: { ...loadConfig().ai, providers: { ...loadConfig().ai.providers, voice: 'offline' }, offlineTrainingStepMs: 40 },
    },
    deps: { products: [voiceProduct], clock },
  });
  await t.database.query(`CREATE SCHEMA IF NOT EXISTS voicetest;
    CREATE TABLE voicetest.personas (id text PRIMARY KEY, training_status text NOT NULL DEFAULT 'NOT_STARTED', last_training_job_id text, trained_voice_id text, training_updated_at timestamptz)`);
  await t.app.listen({ port, host: '127.0.0.1' });
});
afterAll(async () => t?.close());

const persona = async (id: string) =>
  (
    await t.database.query<{ training_status: string; last_training_job_id: string | null; trained_voice_id: string | null }>(
      'SELECT * FROM voicetest.personas WHERE id = $1',
      [id],
    )
  )[0]!;
const receipts = async () =>
  (await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM core.webhook_receipts WHERE endpoint = '/v1/webhooks/engine'`))[0]!
    .n;

describe('offline voice-training simulator', () => {
  it('drives a persona from IN_PROGRESS to COMPLETED through the signed webhook', async () => {
    const u = await signUp(t.app);
    await t.database.query(`INSERT INTO voicetest.personas (id) VALUES ('p-complete')`);
    const before = await receipts();
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/voicetest/personas/p-complete/training',
      headers: u.auth,
      payload: { fileUrls: ['https://files.example/voice-1.wav', 'https://files.example/voice-2.wav'] },
    });
    expect(start.statusCode).toBe(202);
    expect(start.json().status).toBe('QUEUED');
    const jobId = start.json().jobId as string;
    const started = await persona('p-complete');
    expect(started.last_training_job_id).toBe(jobId);
    // On a busy machine the engine's webhooks may already have finished the job by now.
    expect(['IN_PROGRESS', 'COMPLETED']).toContain(started.training_status);

    const done = await waitFor(
      () => persona('p-complete'),
      (p) => p.training_status === 'COMPLETED',
    );
    expect(done.training_status).toBe('COMPLETED');
    expect(done.trained_voice_id).toMatch(/^offline-voice-p-complete-/);
    // IN_PROGRESS and COMPLETED each arrive as a verified, recorded webhook. They are sent 40 ms apart and
    // may commit in either order (PostgreSQL runs them side by side), so the second may still be landing;
    // a late IN_PROGRESS never moves the finished persona back.
    expect(await waitFor(receipts, (n) => n >= before + 2)).toBe(before + 2);
    expect((await persona('p-complete')).training_status).toBe('COMPLETED');
    const job = await t.app.core.ai.getJobStatus(jobId);
    expect(job).toMatchObject({
      jobId,
      personaId: 'p-complete',
      status: 'COMPLETED',
      progress: 100,
      trainedVoiceId: done.trained_voice_id,
    });
    const recorded = await t.database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM core.ai_calls WHERE capability = 'voice' AND provider = 'offline' AND user_id = $1`,
      [u.user.id],
    );
    expect(recorded[0]!.n).toBe(3);
    // A retried create with the same idempotency key returns the same job.
    const again = await t.app.core.ai.createTrainingJob({
      personaId: 'p-complete',
      fileIds: ['offline-file-x'],
      idempotencyKey: 'train-p-complete',
    });
    expect(again.jobId).toBe(jobId);
  });

  it('without a valid signature nothing moves: the engine finishes, the persona stays IN_PROGRESS', async () => {
    await t.database.query(`INSERT INTO voicetest.personas (id, training_status) VALUES ('p-unsigned', 'IN_PROGRESS')`);
    const before = await receipts();
    const rogue = createVoiceTrainingSimulator({ stepMs: 20, webhookSecret: generateWebhookSecret(), deliveryAttempts: 1, clock });
    try {
      const job = await rogue.createTrainingJob({
        personaId: 'p-unsigned',
        fileIds: ['offline-file-a'],
        callbackUrl: `${baseUrl}/v1/webhooks/engine`,
        idempotencyKey: 'rogue-1',
        signal: AbortSignal.timeout(1000),
      });
      await t.database.query(`UPDATE voicetest.personas SET last_training_job_id = $1 WHERE id = 'p-unsigned'`, [job.jobId]);
      const finished = await waitFor(
        () => rogue.getJobStatus(job.jobId, { signal: AbortSignal.timeout(1000) }),
        (j) => j.status === 'COMPLETED',
      );
      expect(finished.status).toBe('COMPLETED');
      await new Promise((r) => setTimeout(r, 150));
    } finally {
      rogue.close();
    }
    expect((await persona('p-unsigned')).training_status).toBe('IN_PROGRESS');
    expect(await receipts()).toBe(before);

    const forged = await fetch(`${baseUrl}/v1/webhooks/engine`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'msg_forged',
        'webhook-timestamp': String(Math.floor(clock.now().getTime() / 1000)),
        'webhook-signature': 'v1,AAAA',
      },
      body: JSON.stringify({
        type: 'training.status_changed',
        timestamp: new Date().toISOString(),
        data: {
          jobId: 'x',
          personaId: 'p-unsigned',
          status: 'COMPLETED',
          progress: 100,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        },
      }),
    });
    expect(forged.status).toBe(401);
    expect((await persona('p-unsigned')).training_status).toBe('IN_PROGRESS');
  });

  it('a job with files the engine never received fails, and the persona follows', async () => {
    const u = await signUp(t.app);
    await t.database.query(`INSERT INTO voicetest.personas (id) VALUES ('p-fail')`);
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/voicetest/personas/p-fail/training',
      headers: u.auth,
      payload: { fileUrls: [], fileIds: ['file-from-another-engine'] },
    });
    expect(start.statusCode).toBe(202);
    const p = await waitFor(
      () => persona('p-fail'),
      (x) => x.training_status === 'FAILED',
    );
    expect(p.training_status).toBe('FAILED');
    const job = await t.app.core.ai.getJobStatus(start.json().jobId);
    expect(job).toMatchObject({ status: 'FAILED', error: expect.stringContaining('file-from-another-engine') });
  });

  it('cancelling stops the job; the cancellation arrives by webhook; a finished job cannot be cancelled', async () => {
    const u = await signUp(t.app);
    await t.database.query(`INSERT INTO voicetest.personas (id) VALUES ('p-cancel')`);
    const start = await t.app.inject({
      method: 'POST',
      url: '/v1/voicetest/personas/p-cancel/training',
      headers: u.auth,
      payload: { fileUrls: ['https://files.example/v.wav'] },
    });
    const jobId = start.json().jobId as string;
    const cancelled = await t.app.core.ai.cancelJob(jobId);
    expect(cancelled.status).toBe('CANCELLED');
    expect((await t.app.core.ai.cancelJob(jobId)).status).toBe('CANCELLED');
    const p = await waitFor(
      () => persona('p-cancel'),
      (x) => x.training_status === 'NOT_STARTED',
    );
    expect(p.training_status).toBe('NOT_STARTED');
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.app.core.ai.getJobStatus(jobId)).status).toBe('CANCELLED');
    expect((await persona('p-cancel')).training_status).toBe('NOT_STARTED');

    await expect(t.app.core.ai.getJobStatus('offline-job-unknown')).rejects.toMatchObject({ code: 'ai.job_not_found', status: 404 });
    const completedJob = (await persona('p-complete')).last_training_job_id!;
    await expect(t.app.core.ai.cancelJob(completedJob)).rejects.toMatchObject({ code: 'ai.job_finished', status: 409 });
    await expect(t.app.core.ai.createTrainingJob({ personaId: 'p-cancel', fileIds: [] })).rejects.toMatchObject({
      code: 'ai.no_voice_files',
      status: 422,
    });
  });
});
