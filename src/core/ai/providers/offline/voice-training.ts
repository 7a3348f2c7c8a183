import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '../../../http/errors.js';
import { webhookHeaders } from '../../../webhooks/signature.js';
import type { TrainingJob, TrainingStatus } from '../../engine.js';
import type { EngineWebhookEventBody } from '../../engine-contract.js';
import type { VoiceProvider } from '../provider.js';
import { systemClock, type Clock } from '../../../time/clock.js';

export interface VoiceSimulatorDeps {
  /** Time between status changes, in real time (not the Clock port: the simulator stands in for an outside service). */
  stepMs: number;
  /** The whsec_ secret the /v1/webhooks/engine receiver accepts. */
  webhookSecret: string;
  log?: { warn(obj: object, msg: string): void };
  /** Stamps job times and webhook timestamps, so a receiver on the same (test) clock accepts them. */
  clock?: Clock;
  /** Webhook delivery attempts per status change. */
  deliveryAttempts?: number;
}

interface SimulatedJob {
  job: TrainingJob;
  callbackUrl: string;
  timers: NodeJS.Timeout[];
}

const FILE_PREFIX = 'offline-file-';
const TERMINAL: TrainingStatus[] = ['COMPLETED', 'FAILED', 'CANCELLED'];

/**
 * The offline stand-in for a voice-training engine: it learns nothing, but walks a job through the real
 * states (QUEUED → IN_PROGRESS → COMPLETED, or FAILED when a file id is not one it issued, or CANCELLED)
 * and POSTs each change, signed per Standard Webhooks, to the job's callback URL — the real endpoint.
 */
export function createVoiceTrainingSimulator(deps: VoiceSimulatorDeps): VoiceProvider & { close(): void } {
  const jobs = new Map<string, SimulatedJob>();
  const byIdempotencyKey = new Map<string, string>();
  const attempts = deps.deliveryAttempts ?? 4;
  const clock = deps.clock ?? systemClock;
  let closed = false;

  async function deliver(sim: SimulatedJob) {
    const event: EngineWebhookEventBody = { type: 'training.status_changed', timestamp: sim.job.updatedAt, data: { ...sim.job } };
    const body = JSON.stringify(event);
    const id = `msg_${sim.job.jobId}_${sim.job.status}`;
    for (let i = 0; i < attempts && !closed; i++) {
      try {
        const headers = webhookHeaders(deps.webhookSecret, id, Math.floor(clock.now().getTime() / 1000), body);
        const res = await fetch(sim.callbackUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'Talkbase-Offline-Engine', ...headers },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.body?.cancel();
        if (res.ok) return;
        deps.log?.warn({ jobId: sim.job.jobId, status: res.status }, 'offline engine webhook refused');
      } catch (err) {
        deps.log?.warn({ jobId: sim.job.jobId, err: (err as Error).message }, 'offline engine webhook failed');
      }
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** i, 5000)).unref());
    }
  }

  function move(sim: SimulatedJob, status: TrainingStatus, patch: Partial<TrainingJob> = {}) {
    if (TERMINAL.includes(sim.job.status)) return;
    sim.job = { ...sim.job, ...patch, status, updatedAt: clock.now().toISOString() };
    void deliver(sim);
  }

  function schedule(sim: SimulatedJob) {
    const step = deps.stepMs;
    const at = (n: number, fn: () => void) => {
      const t = setTimeout(() => {
        if (!closed) fn();
      }, step * n);
      t.unref();
      sim.timers.push(t);
    };
    at(1, () => move(sim, 'IN_PROGRESS', { progress: 10 }));
    at(2, () => {
      if (sim.job.status !== 'IN_PROGRESS') return;
      sim.job = { ...sim.job, progress: 60, updatedAt: clock.now().toISOString() };
    });
    at(3, () => {
      const unknown = pendingFiles.get(sim.job.jobId) ?? [];
      if (unknown.length) move(sim, 'FAILED', { progress: 100, error: `voice files not found: ${unknown.join(', ')}` });
      else move(sim, 'COMPLETED', { progress: 100, trainedVoiceId: `offline-voice-${sim.job.personaId}-${sim.job.jobId.slice(-8)}` });
    });
  }

  const pendingFiles = new Map<string, string[]>();

  function find(jobId: string): SimulatedJob {
    const sim = jobs.get(jobId);
    if (!sim) throw new AppError('ai.job_not_found', 404, `no training job ${jobId}`);
    return sim;
  }

  return {
    name: 'offline',
    async uploadVoiceFile(request) {
      const digest = createHash('sha256').update(`${request.personaId}\u0000${request.fileUrl}`).digest('hex').slice(0, 24);
      return { fileId: `${FILE_PREFIX}${digest}` };
    },
    async createTrainingJob(request) {
      const existing = byIdempotencyKey.get(request.idempotencyKey);
      if (existing) return { ...find(existing).job };
      const now = clock.now().toISOString();
      const jobId = `offline-job-${randomUUID()}`;
      const sim: SimulatedJob = {
        job: {
          jobId,
          personaId: request.personaId,
          status: 'QUEUED',
          progress: 0,
          trainedVoiceId: null,
          error: null,
          createdAt: now,
          updatedAt: now,
        },
        callbackUrl: request.callbackUrl,
        timers: [],
      };
      jobs.set(jobId, sim);
      byIdempotencyKey.set(request.idempotencyKey, jobId);
      pendingFiles.set(
        jobId,
        request.fileIds.filter((f) => !f.startsWith(FILE_PREFIX)),
      );
      schedule(sim);
      return { ...sim.job };
    },
    async getJobStatus(jobId) {
      return { ...find(jobId).job };
    },
    async cancelJob(jobId) {
      const sim = find(jobId);
      if (sim.job.status === 'COMPLETED' || sim.job.status === 'FAILED')
        throw new AppError('ai.job_finished', 409, `training job ${jobId} already ended ${sim.job.status}`);
      if (sim.job.status !== 'CANCELLED') {
        sim.timers.forEach(clearTimeout);
        move(sim, 'CANCELLED');
      }
      return { ...sim.job };
    },
    close() {
      closed = true;
      for (const sim of jobs.values()) sim.timers.forEach(clearTimeout);
    },
  };
}
