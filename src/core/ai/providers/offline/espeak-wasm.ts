/**
 * The offline speech worker's client. eSpeak NG compiled to WebAssembly (the optional npm package `espeak-ng`,
 * GPL-3.0-or-later) runs in its own worker thread (speech-worker.ts), so synthesis never blocks the event loop and
 * the GPL code stays a separate, optional program; the same worker resamples each sentence to the listener's rate
 * and fingerprints it for the offline recognizer, for the system program's WAVs too.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { pcm16ToWav } from '../../pcm.js';
import type { OwnSpeechEntry } from './own-speech.js';

export interface EspeakRequest {
  text: string;
  /** An eSpeak voice name (`en-us`, `ko` …). */
  voice: string;
  pitch: number;
  speed: number;
}

/** One sentence for the worker: synthesized by eSpeak NG, or the system program's `wav` to finish. */
export interface RenderJob extends EspeakRequest {
  id: number;
  /** The output rate; eSpeak's own (22.05 kHz) when absent. */
  rate?: number;
  /** Whether to fingerprint the sentence for the offline recognizer. */
  fingerprint: boolean;
  wav?: Uint8Array;
}

export type RenderReply =
  { id: number; ok: true; pcm: ArrayBuffer; sampleRate: number; entry: OwnSpeechEntry | null } | { id: number; ok: false; message: string };

export interface RenderedSpeech {
  pcm: Buffer;
  sampleRate: number;
  entry: OwnSpeechEntry | null;
}

export interface SpeechWorker {
  render(job: Omit<RenderJob, 'id'>): Promise<RenderedSpeech>;
}

export interface EspeakWasm {
  /** The WAV (22.05 kHz PCM16 mono) eSpeak writes for `text`. */
  synthesize(request: EspeakRequest): Promise<Buffer>;
}

let located: { moduleUrl: string; wasmPath: string } | null | undefined;

/** Where the optional `espeak-ng` package is, or null when it is not installed. */
export function locateEspeakWasm(): { moduleUrl: string; wasmPath: string } | null {
  if (located === undefined) {
    try {
      const main = createRequire(import.meta.url).resolve('espeak-ng');
      const wasmPath = path.join(path.dirname(main), 'espeak-ng.wasm');
      located = { moduleUrl: pathToFileURL(main).href, wasmPath };
    } catch {
      located = null;
    }
  }
  return located;
}

let shared: SpeechWorker | undefined;

/** The process's one speech worker, started on first use. */
export function speechWorker(): SpeechWorker {
  shared ??= createSpeechWorker(locateEspeakWasm());
  return shared;
}

/** eSpeak NG through the worker; null when the package is not installed. */
export function espeakWasm(): EspeakWasm | null {
  if (!locateEspeakWasm()) return null;
  return {
    async synthesize(request) {
      const { pcm, sampleRate } = await speechWorker().render({ ...request, fingerprint: false });
      return pcm16ToWav(pcm, sampleRate);
    },
  };
}

/**
 * Starts the worker: compiled JavaScript beside this file, or, when running from the TypeScript sources, the
 * source through tsx (a worker does not inherit the loader the main thread was started with).
 */
function startWorker(workerData: { moduleUrl: string | null; wasmPath: string | null }): Worker {
  const compiled = new URL('./speech-worker.js', import.meta.url);
  if (import.meta.url.endsWith('.js')) return new Worker(compiled, { workerData });
  const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs');
  const source = new URL('./speech-worker.ts', import.meta.url).href;
  const boot = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => api.tsImport(workerData.source, workerData.source)).catch((err) => { throw err; });`;
  return new Worker(boot, { eval: true, workerData: { ...workerData, tsx: pathToFileURL(tsx).href, source } });
}

function createSpeechWorker(where: { moduleUrl: string; wasmPath: string } | null): SpeechWorker {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (s: RenderedSpeech) => void; reject: (err: Error) => void }>();

  function start(): Worker {
    const w = startWorker({ moduleUrl: where?.moduleUrl ?? null, wasmPath: where?.wasmPath ?? null });
    w.on('message', (msg: RenderReply) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve({ pcm: Buffer.from(msg.pcm), sampleRate: msg.sampleRate, entry: msg.entry });
      else p.reject(new Error(msg.message));
      if (pending.size === 0) w.unref();
    });
    const fail = (err: Error) => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the speech worker stopped (${code})`)));
    w.unref();
    return w;
  }

  return {
    render(job) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<RenderedSpeech>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A waiting sentence keeps the process alive; an idle worker does not.
        w.ref();
        w.postMessage({ ...job, id });
      });
    },
  };
}
