/** The calls product's test app and the steps its tests share (a persona, a voice file, a trained voice, a call). */
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { callsProduct } from '../../src/products/calls/index.js';
import { toneWav } from '../../src/products/calls/seed.js';
import { createManualClock } from '../../src/core/time/clock.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';

export type Auth = Awaited<ReturnType<typeof signUp>>;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const clock = createManualClock('2026-03-01T09:00:00Z');
/** The app under test, listening on a real port (the offline engine calls its webhook). */
export const ctx = {} as { t: TestApp; baseUrl: string };
let blobRoot: string;

/** Registers the suite's app: one per test file. `config` and `deps` are added to the suite's own (a real clock, say). */
export function useCallsApp(opts: { config?: Partial<Config>; deps?: AppDeps } = {}) {
  beforeAll(async () => {
    const port = await freePort();
    ctx.baseUrl = `http://127.0.0.1:${port}`;
    blobRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-calls-'));
    const base = loadConfig();
    ctx.t = await createTestApp({
      config: {
        publicUrl: ctx.baseUrl,
        blobs: { kind: 'local', root: blobRoot },
        ai: {
          ...base.ai,
          providers: { ...base.ai.providers, voice: 'offline' },
          offlineTrainingStepMs: 40,
          offlineRecognizer: 'own-speech',
        },
        ...opts.config,
      },
      deps: { products: [callsProduct], clock, jobs: { pollingSeconds: 0.5 }, ...opts.deps },
    });
    await ctx.t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await ctx.t?.close();
    fs.rmSync(blobRoot, { recursive: true, force: true });
  });
}

export const inject = (method: string, url: string, auth: Auth, payload?: unknown) =>
  ctx.t.app.inject({
    method: method as 'GET',
    url: `/v1/calls${url}`,
    headers: auth.auth,
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });

let phoneNo = 1000;
export async function newPersona(u: Auth, extra: Record<string, unknown> = {}) {
  const res = await inject('POST', '/personas', u, {
    name: 'Grandma Rose',
    phoneNumber: `+82 10-5555-${phoneNo++}`,
    relationship: 'grandmother',
    memo: 'She loved tomatoes.',
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; learningStatus: string };
}

export async function uploadVoice(u: Auth, personaId: string, name = 'voicemail.wav') {
  const res = await ctx.t.app.inject({
    method: 'POST',
    url: `/v1/calls/personas/${personaId}/voice-files`,
    headers: { ...u.auth, 'content-type': 'audio/wav', 'x-file-name': name },
    payload: toneWav(0.25, 330),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; fileId: string; aiFileId: string };
}

export async function consent(u: Auth, personaId: string) {
  const res = await inject('PUT', `/personas/${personaId}/consent`, u, {
    voiceOwner: 'Rose Kim',
    statement: 'I am her grandchild and the family agreed to keep her voice.',
  });
  expect(res.statusCode).toBe(200);
}

export const personaRow = async (id: string) =>
  (await ctx.t.database.query<Record<string, any>>('SELECT * FROM calls.personas WHERE id = $1', [id]))[0]!;

/** A persona whose voice is trained, through the real webhook of the offline engine. */
export async function trainedPersona(u: Auth) {
  const p = await newPersona(u);
  await uploadVoice(u, p.id);
  await consent(u, p.id);
  const start = await inject('POST', `/personas/${p.id}/training`, u);
  expect(start.statusCode, start.body).toBe(202);
  const row = await waitFor(
    () => personaRow(p.id),
    (r) => r.learning_status === 'COMPLETED',
  );
  expect(row.learning_status).toBe('COMPLETED');
  return p;
}

export async function newCall(u: Auth, personaId: string) {
  const res = await inject('POST', '/sessions', u, { personaId });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; status: string };
}
