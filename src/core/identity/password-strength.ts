import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../http/errors.js';
import type { StrengthJob, StrengthReply } from './password-strength-worker.js';

/** What a password is checked against besides the common-password lists: the account's own details. */
export interface PasswordContext {
  email?: string | null;
  username?: string | null;
  fullName?: string | null;
}

type Verdict = Extract<StrengthReply, { ok: true }>;

// The dictionaries cost about 55 MB of the server's memory; they live in a worker thread that is started for a check
// and ended after this long without one, so a server that registers an account now and then does not keep them.
export const PASSWORD_CHECK_IDLE_MS = 10_000;
// Loading the dictionaries takes a second or two on a busy machine; a check still unanswered after this is given up.
const CHECK_TIMEOUT_MS = 20_000;

/**
 * Starts the worker: compiled JavaScript beside this file, or, when running from the TypeScript sources, the
 * source through tsx (a worker does not inherit the loader the main thread was started with).
 */
function startWorker(): Worker {
  // A small young generation: the thread then takes about 50 MB instead of about 65 MB, for a check a few ms slower.
  const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };
  if (import.meta.url.endsWith('.js')) return new Worker(new URL('./password-strength-worker.js', import.meta.url), { resourceLimits });
  const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs');
  const source = new URL('./password-strength-worker.ts', import.meta.url).href;
  const boot = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => api.tsImport(workerData.source, workerData.source)).catch((err) => { throw err; });`;
  return new Worker(boot, { eval: true, resourceLimits, workerData: { tsx: pathToFileURL(tsx).href, source } });
}

function unavailable(): AppError {
  return new AppError('identity.strength_unavailable', 503, 'The password could not be checked just now. Try again in a few seconds.', {
    retryAfterSeconds: 5,
  });
}

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: Verdict) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();

function failAll(err: Error): void {
  for (const p of pending.values()) {
    clearTimeout(p.timer);
    p.reject(err);
  }
  pending.clear();
}

function start(): Worker {
  const w = startWorker();
  w.on('message', (msg: StrengthReply) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.ok) p.resolve(msg);
    else p.reject(unavailable());
    if (pending.size === 0) {
      w.unref();
      goIdle(w);
    }
  });
  const fail = () => {
    if (worker === w) worker = null;
    failAll(unavailable());
  };
  w.on('error', fail);
  w.on('exit', fail);
  return w;
}

/** An idle worker is never what keeps the process alive, and ends after PASSWORD_CHECK_IDLE_MS. */
function goIdle(w: Worker): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker === w && pending.size === 0) {
      worker = null;
      void w.terminate();
    }
  }, PASSWORD_CHECK_IDLE_MS);
  idleTimer.unref();
}

function check(password: string, userInputs: string[]): Promise<Verdict> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const w = (worker ??= start());
  const id = nextId++;
  return new Promise<Verdict>((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(unavailable());
      // A stuck worker is replaced on the next check.
      if (worker === w) {
        worker = null;
        failAll(unavailable());
        void w.terminate();
      }
    }, CHECK_TIMEOUT_MS);
    timer.unref();
    pending.set(id, { resolve, reject, timer });
    w.ref();
    const job: StrengthJob = { id, password, userInputs };
    w.postMessage(job);
  });
}

/** Ends the worker thread now (its checks in flight fail with 503); the next check starts a new one. */
export async function stopPasswordStrengthWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  failAll(unavailable());
  if (w) await w.terminate();
}

/** Whether the worker thread is running (it ends itself after a while idle) and how many checks wait for it. */
export function passwordStrengthWorkerState(): { running: boolean; checksInFlight: number } {
  return { running: worker !== null, checksInFlight: pending.size };
}

/** The address, its local part and every word of it, the username and the name's words, for zxcvbn's user-input dictionary. */
function userInputs(context: PasswordContext): string[] {
  const inputs = new Set<string>();
  const add = (value: string | null | undefined) => {
    const v = value?.trim().toLowerCase();
    if (!v) return;
    inputs.add(v);
    for (const part of v.split(/[\s@._+-]+/)) if (part.length >= 2) inputs.add(part);
  };
  add(context.email);
  add(context.email?.split('@')[0]);
  add(context.username);
  add(context.fullName);
  return [...inputs];
}

/**
 * Refuses a password that is easy to guess (zxcvbn score below `minScore`, 0–4), judged with the account's own email
 * and name, with a problem naming `field` and saying why and what would do. If the check cannot run (its worker
 * failed), answers 503 `identity.strength_unavailable` with Retry-After rather than accept the password unchecked.
 */
export async function assertStrongPassword(password: string, context: PasswordContext, minScore: number, field: string): Promise<void> {
  if (minScore <= 0) return;
  const result = await check(password, userInputs(context));
  // A name with a year scores well on guesses alone, yet whoever knows the account guesses it first.
  const mostlyPersonal = result.personalLength * 2 >= Math.min(password.length, 256);
  if (result.score >= minScore && !mostlyPersonal) return;
  const reason = mostlyPersonal
    ? 'It is mostly made of personal details of the account (its email or name).'
    : (result.warning ?? 'This password is too easy to guess.');
  const advice = result.suggestions.length ? result.suggestions.join(' ') : 'Add more words that are less common.';
  const message = `is too easy to guess: ${reason} ${advice} A few unrelated words make a strong password.`;
  throw new AppError('identity.weak_password', 400, `${field} ${message}`, {
    errors: [{ field, message }],
  });
}
