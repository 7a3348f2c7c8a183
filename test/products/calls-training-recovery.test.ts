/**
 * Calls: the persona is checked inside createCall's transaction; a training start that died before its job id was
 * stored can be restarted or cancelled once stale; a failed start puts back every field it changed.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/http/errors.js';
import type { TrainingJob } from '../../src/core/ai/engine.js';
import type { VoiceProvider } from '../../src/core/ai/providers/provider.js';
import { trainingStartStaleMs } from '../../src/products/calls/training.js';
import { clock, consent, ctx, inject, newPersona, personaRow, uploadVoice, useCallsApp } from './calls-setup.js';
import { signUp } from '../support/test-app.js';
import { usingPostgres } from '../support/test-app.js';

/** A voice engine that answers at once, or fails while `failing` is set. */
const engine = {
  failing: false,
  jobs: new Map<string, TrainingJob>(),
  started: 0,
};
const voice: VoiceProvider = {
  name: 'engine',
  uploadVoiceFile: async (r) => ({ fileId: `file-${r.personaId}-${Math.random().toString(36).slice(2)}` }),
  async createTrainingJob(r) {
    if (engine.failing) throw new AppError('ai.unavailable', 503, 'the voice engine is down');
    const now = clock.now().toISOString();
    const job: TrainingJob = {
      jobId: `job-${++engine.started}`,
      personaId: r.personaId,
      status: 'QUEUED',
      progress: 0,
      createdAt: now,
      updatedAt: now,
    };
    engine.jobs.set(job.jobId, job);
    return { ...job };
  },
  getJobStatus: async (id) => ({ ...engine.jobs.get(id)! }),
  async cancelJob(id) {
    const job = engine.jobs.get(id)!;
    job.status = 'CANCELLED';
    return { ...job };
  },
};

useCallsApp({ deps: { aiProviders: { voice } } });
const staleMs = () => trainingStartStaleMs(ctx.t.config.ai);

async function readyPersona() {
  const u = await signUp(ctx.t.app);
  const p = await newPersona(u);
  await uploadVoice(u, p.id);
  await consent(u, p.id);
  return { u, p };
}

/** What a process leaves when it dies after claiming the training and before storing the engine's job id. */
async function interruptedStart(personaId: string, agoMs: number) {
  await ctx.t.database.query(
    `UPDATE calls.personas SET learning_status = 'IN_PROGRESS', last_training_job_id = NULL, training_error = NULL,
       last_training_updated_at = $2 WHERE id = $1`,
    [personaId, new Date(clock.now().getTime() - agoMs)],
  );
}

describe('a training start that never stored its job id', () => {
  it('while it may still be running, a second start and a cancel are refused', async () => {
    const { u, p } = await readyPersona();
    await interruptedStart(p.id, 5_000);
    expect((await inject('POST', `/personas/${p.id}/training`, u)).json().type).toContain('calls.training_in_progress');
    const cancel = await inject('DELETE', `/personas/${p.id}/training`, u);
    expect(cancel.statusCode).toBe(409);
    expect(cancel.json().type).toContain('calls.training_starting');
  });

  it('once stale, it can be started again: a new engine job, its id stored', async () => {
    const { u, p } = await readyPersona();
    await interruptedStart(p.id, staleMs() + 1_000);
    const shown = (await inject('GET', `/personas/${p.id}/training`, u)).json();
    expect(shown).toMatchObject({ learningStatus: 'IN_PROGRESS', jobId: null });
    expect(shown.error).toMatch(/interrupted/);
    const restart = await inject('POST', `/personas/${p.id}/training`, u);
    expect(restart.statusCode, restart.body).toBe(202);
    expect(restart.json().jobId).toMatch(/^job-/);
    expect(await personaRow(p.id)).toMatchObject({ learning_status: 'IN_PROGRESS', last_training_job_id: restart.json().jobId });
  });

  it('once stale, it can be cancelled: the persona goes back to its last trained state', async () => {
    const { u, p } = await readyPersona();
    await interruptedStart(p.id, staleMs() + 1_000);
    const cancel = await inject('DELETE', `/personas/${p.id}/training`, u);
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ learningStatus: 'NOT_STARTED', jobId: null });
    expect((await personaRow(p.id)).learning_status).toBe('NOT_STARTED');

    const { u: u2, p: trained } = await readyPersona();
    await ctx.t.database.query(`UPDATE calls.personas SET trained_voice_id = 'voice-1' WHERE id = $1`, [trained.id]);
    await interruptedStart(trained.id, staleMs() + 1_000);
    expect((await inject('DELETE', `/personas/${trained.id}/training`, u2)).json().learningStatus).toBe('COMPLETED');
  });
});

describe('a training start the engine refuses', () => {
  it('puts back every field it changed', async () => {
    const { u, p } = await readyPersona();
    const before = new Date(clock.now().getTime() - 3_600_000);
    await ctx.t.database.query(
      `UPDATE calls.personas SET learning_status = 'FAILED', last_training_job_id = 'job-old', training_error = 'too little audio',
         last_training_updated_at = $2, updated_at = $2 WHERE id = $1`,
      [p.id, before],
    );
    const row = await personaRow(p.id);
    engine.failing = true;
    try {
      clock.advance(1_000);
      expect((await inject('POST', `/personas/${p.id}/training`, u)).statusCode).toBe(503);
    } finally {
      engine.failing = false;
    }
    expect(await personaRow(p.id)).toEqual(row);
  });
});

describe('createCall', () => {
  it('refuses a persona whose deletion commits while the call is being created', async () => {
    const u = await signUp(ctx.t.app);
    const p = await newPersona(u);
    let created: Promise<{ statusCode: number; body: string }> | null = null;
    await ctx.t.database.transaction(async (query) => {
      await query('SELECT id FROM calls.personas WHERE id = $1 FOR UPDATE', [p.id]);
      await query('UPDATE calls.personas SET is_deleted = true, deleted_at = now() WHERE id = $1', [p.id]);
      created = inject('POST', '/sessions', u, { personaId: p.id });
      // PostgreSQL: the request runs meanwhile and meets the lock; PGlite runs it after this transaction.
      await new Promise((r) => setTimeout(r, usingPostgres() ? 500 : 0));
    });
    const res = await created!;
    expect(res.statusCode, res.body).toBe(404);
    expect(await ctx.t.database.query('SELECT id FROM calls.call_sessions WHERE persona_id = $1', [p.id])).toEqual([]);
  });
});
