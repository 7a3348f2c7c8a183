import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { loadConfig, type AiConfig } from '../../src/config.js';
import { createAiEngine } from '../../src/core/ai/ai-engine.js';
import type { AiEngine, TrainingJob } from '../../src/core/ai/engine.js';
import {
  EngineCreateJobRequest,
  EngineSpeechRequest,
  EngineTrainingJob,
  EngineUploadFileRequest,
} from '../../src/core/ai/engine-contract.js';
import { createEngineProviders } from '../../src/core/ai/providers/engine/index.js';
import { createOfflineChat, createOfflineEmbedding, createOfflineTranscription } from '../../src/core/ai/providers/offline/index.js';
import { writeWav } from '../../src/core/ai/providers/offline/wav.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

const TOKEN = 'engine-token-123';
const wav = writeWav({ sampleRate: 16000, channels: 1, bitsPerSample: 16, data: Buffer.alloc(16000) });

/** A voice-training engine built from the published contract: it checks every request against the contract's schemas. */
async function startContractEngine() {
  const jobs = new Map<string, TrainingJob>();
  const byKey = new Map<string, string>();
  const files = new Map<string, string>();
  const failures: number[] = [];
  const log: { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }[] = [];
  let invalidJobs = false;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as unknown) : undefined;
      const path = req.url!;
      log.push({ method: req.method!, path, headers: req.headers, body });
      const send = (status: number, payload: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload));
      };
      const problem = (status: number, detail: string) =>
        send(status, { type: 'about:blank', title: 'error', status, detail }, 'application/problem+json');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return problem(401, 'bad token');
      const failure = failures.shift();
      if (failure) return problem(failure, 'engine trouble');
      const now = new Date().toISOString();
      if (req.method === 'POST' && path === '/v1/files') {
        if (!Value.Check(EngineUploadFileRequest, body)) return problem(400, 'not an upload request');
        const b = body as { personaId: string; fileUrl: string };
        const key = `${b.personaId}|${b.fileUrl}`;
        const existing = files.get(key);
        if (existing) return send(200, { fileId: existing });
        const fileId = `file-${files.size + 1}`;
        files.set(key, fileId);
        return send(201, { fileId });
      }
      if (req.method === 'POST' && path === '/v1/training-jobs') {
        if (!Value.Check(EngineCreateJobRequest, body)) return problem(400, 'not a job request');
        const key = String(req.headers['idempotency-key'] ?? '');
        if (!key) return problem(400, 'Idempotency-Key is required');
        if (byKey.has(key)) return send(200, jobs.get(byKey.get(key)!));
        const b = body as { personaId: string; fileIds: string[] };
        if (b.fileIds.some((f) => ![...files.values()].includes(f))) return problem(422, 'unknown file');
        const job: TrainingJob = {
          jobId: `job-${jobs.size + 1}`,
          personaId: b.personaId,
          status: 'QUEUED',
          progress: 0,
          trainedVoiceId: null,
          error: null,
          createdAt: now,
          updatedAt: now,
        };
        jobs.set(job.jobId, job);
        byKey.set(key, job.jobId);
        return send(201, invalidJobs ? { jobId: job.jobId } : job);
      }
      const m = /^\/v1\/training-jobs\/([^/]+)(\/cancel)?$/.exec(path);
      if (m) {
        const job = jobs.get(decodeURIComponent(m[1]!));
        if (!job) return problem(404, 'no such job');
        if (m[2] && req.method === 'POST') {
          if (job.status === 'COMPLETED' || job.status === 'FAILED') return problem(409, 'finished');
          Object.assign(job, { status: 'CANCELLED', updatedAt: now });
        }
        return send(200, job);
      }
      if (req.method === 'POST' && path === '/v1/speech') {
        if (!Value.Check(EngineSpeechRequest, body)) return problem(400, 'not a speech request');
        res.writeHead(200, { 'content-type': 'audio/wav', 'x-audio-duration-seconds': '0.5' });
        res.end(wav);
        return;
      }
      problem(404, 'no route');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    jobs,
    log,
    failNext: (...statuses: number[]) => failures.push(...statuses),
    setInvalidJobs: (v: boolean) => (invalidJobs = v),
    complete(jobId: string) {
      Object.assign(jobs.get(jobId)!, {
        status: 'COMPLETED',
        progress: 100,
        trainedVoiceId: `voice-${jobId}`,
        updatedAt: new Date().toISOString(),
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let engine: Awaited<ReturnType<typeof startContractEngine>>;
let testDb: TestDatabase;
let ai: AiEngine;

beforeAll(async () => {
  engine = await startContractEngine();
  testDb = await createTestDatabase();
  const config: AiConfig = {
    ...loadConfig().ai,
    providers: { chat: 'offline', embed: 'offline', transcribe: 'offline', speak: 'engine', voice: 'engine' },
    engine: { url: engine.url, token: TOKEN, webhookSecret: null },
    maxRetries: 2,
    timeoutMs: 2000,
  };
  const remote = createEngineProviders({ url: engine.url, token: TOKEN });
  ai = createAiEngine({
    config,
    db: testDb.database.db,
    clock: createManualClock(),
    providers: {
      chat: createOfflineChat(),
      embed: createOfflineEmbedding(),
      transcribe: createOfflineTranscription(),
      speak: remote.speak,
      voice: remote.voice,
    },
    retryBaseMs: 5,
    defaultCallbackUrl: 'https://talkbase.example/v1/webhooks/engine',
    engineWebhookSecrets: [],
  });
});
afterAll(async () => {
  await engine?.close();
  await testDb?.drop();
});
beforeEach(() => {
  engine.log.length = 0;
});

describe('engine provider against a contract server', () => {
  it('uploads voice files once per persona and URL', async () => {
    const a = await ai.uploadVoiceFile({
      personaId: 'p1',
      fileUrl: 'https://files.example/a.wav?sig=1',
      fileName: 'a.wav',
      contentType: 'audio/wav',
      fileSize: 1234,
    });
    const again = await ai.uploadVoiceFile({ personaId: 'p1', fileUrl: 'https://files.example/a.wav?sig=1' });
    expect(a.fileId).toBe('file-1');
    expect(again.fileId).toBe('file-1');
    expect(engine.log[0]).toMatchObject({
      method: 'POST',
      path: '/v1/files',
      body: { personaId: 'p1', fileUrl: 'https://files.example/a.wav?sig=1', fileName: 'a.wav', contentType: 'audio/wav', fileSize: 1234 },
    });
    expect(engine.log[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('creates a job with the default callback URL; a retried create after a 503 reuses the idempotency key and makes one job', async () => {
    const { fileId } = await ai.uploadVoiceFile({ personaId: 'p2', fileUrl: 'https://files.example/b.wav' });
    engine.log.length = 0;
    engine.failNext(503);
    const jobsBefore = engine.jobs.size;
    const job = await ai.createTrainingJob({ personaId: 'p2', fileIds: [fileId], userId: null });
    expect(Value.Check(EngineTrainingJob, job)).toBe(true);
    expect(job).toMatchObject({ personaId: 'p2', status: 'QUEUED', progress: 0 });
    expect(engine.jobs.size).toBe(jobsBefore + 1);
    const creates = engine.log.filter((l) => l.path === '/v1/training-jobs');
    expect(creates).toHaveLength(2);
    expect(creates[0]!.headers['idempotency-key']).toBeTruthy();
    expect(creates[1]!.headers['idempotency-key']).toBe(creates[0]!.headers['idempotency-key']);
    expect(creates[1]!.body).toEqual({ personaId: 'p2', fileIds: [fileId], callbackUrl: 'https://talkbase.example/v1/webhooks/engine' });

    engine.complete(job.jobId);
    expect(await ai.getJobStatus(job.jobId)).toMatchObject({ status: 'COMPLETED', progress: 100, trainedVoiceId: `voice-${job.jobId}` });
    await expect(ai.cancelJob(job.jobId)).rejects.toMatchObject({ code: 'ai.job_finished', status: 409 });
  });

  it('cancels, reports unknown jobs as 404, and refuses unknown files as 422', async () => {
    const { fileId } = await ai.uploadVoiceFile({ personaId: 'p3', fileUrl: 'https://files.example/c.wav' });
    const job = await ai.createTrainingJob({ personaId: 'p3', fileIds: [fileId], idempotencyKey: 'k-p3' });
    expect((await ai.cancelJob(job.jobId)).status).toBe('CANCELLED');
    await expect(ai.getJobStatus('job-999')).rejects.toMatchObject({ code: 'ai.job_not_found', status: 404 });
    await expect(ai.createTrainingJob({ personaId: 'p3', fileIds: ['nope'] })).rejects.toMatchObject({
      code: 'ai.engine_rejected',
      status: 422,
    });
    const rows = await testDb.database.query<{ error_code: string }>(
      `SELECT error_code FROM core.ai_calls WHERE capability = 'voice' AND status = 'error' ORDER BY id`,
    );
    expect(rows.map((r) => r.error_code)).toEqual(expect.arrayContaining(['ai.job_not_found', 'ai.engine_rejected']));
  });

  it('an answer that breaks the contract is an outage, not data', async () => {
    const { fileId } = await ai.uploadVoiceFile({ personaId: 'p4', fileUrl: 'https://files.example/d.wav' });
    engine.setInvalidJobs(true);
    try {
      await expect(ai.createTrainingJob({ personaId: 'p4', fileIds: [fileId] })).rejects.toMatchObject({
        code: 'ai.unavailable',
        extra: { aiErrorCode: 'invalid_response' },
      });
    } finally {
      engine.setInvalidJobs(false);
    }
  });

  it('speaks in a trained voice', async () => {
    const r = await ai.speak('Hello, dear.', { trainedVoiceId: 'voice-job-1' });
    expect(engine.log[0]).toMatchObject({ path: '/v1/speech', body: { text: 'Hello, dear.', voiceId: 'voice-job-1', format: 'wav' } });
    expect(r).toMatchObject({ provider: 'engine', contentType: 'audio/wav', durationSec: 0.5 });
    expect(r.audio.equals(wav)).toBe(true);
  });

  it('streams a trained voice: the whole clip from /v1/speech, decoded and resampled as asked', async () => {
    const stream = ai.speakStream('Hello again.', { trainedVoiceId: 'voice-job-1', sampleRate: 24000 });
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c);
    const r = await stream.result;
    expect(engine.log.at(-1)).toMatchObject({ path: '/v1/speech', body: { text: 'Hello again.', voiceId: 'voice-job-1', format: 'wav' } });
    expect(r).toMatchObject({ provider: 'engine', model: 'engine' });
    const seconds = Buffer.concat(chunks).length / 2 / 24000;
    expect(r.durationSec).toBeCloseTo(seconds, 2);
    expect(seconds).toBeGreaterThan(0);
  });
});
