/**
 * eSpeak NG compiled to WebAssembly (the optional npm package `espeak-ng`, GPL-3.0-or-later), run in its own
 * worker thread so synthesis never blocks the event loop and the GPL code stays a separate, optional program.
 * The module is compiled and instantiated once per process; each sentence re-enters its `main` (about 10–60 ms)
 * instead of building a new instance (about 250 ms, 1.3–2.1 s with compiling).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface EspeakRequest {
  text: string;
  /** An eSpeak voice name (`en-us`, `ko` …). */
  voice: string;
  pitch: number;
  speed: number;
}

export interface EspeakWasm {
  /** The WAV (22.05 kHz PCM16 mono) eSpeak writes for `text`. */
  synthesize(request: EspeakRequest): Promise<Buffer>;
}

/**
 * The worker's program, plain JavaScript run with `eval` so it needs no TypeScript loader in the worker.
 * Emscripten's `callMain` is not exported and its getopt keeps `optind` between runs, so the worker lays out
 * each run's arguments after the previous run's (its options are parsed from `optind` on) in a region of the
 * wasm stack it reserved with a long first argument, and builds a new instance when that region is full.
 */
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const MARK = 'TALKBASE-ARGV-RESERVE';
const RESERVE = 16384;
let compiled = null;
let instance = null;

async function load() {
  if (!compiled) compiled = await WebAssembly.compile(fs.readFileSync(workerData.wasmPath));
  const { default: ESpeakNg } = await import(workerData.moduleUrl);
  const errors = [];
  let failed = null;
  const ready = ESpeakNg({
    // The first run speaks one word, and its long pitch argument (atoi reads 50) reserves the argument region.
    arguments: ['-w', '/warm.wav', '-p', '50 ' + MARK + ' '.repeat(RESERVE), 'ready'],
    instantiateWasm(imports, done) {
      WebAssembly.instantiate(compiled, imports).then((inst) => done(inst, compiled), (err) => { failed = err; });
      return {};
    },
    print() {},
    printErr(line) { errors.push(line); },
    stdin: () => null,
  });
  const m = await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(failed || new Error('espeak-ng did not start')), 30000).unref())]);
  const heap = Buffer.from(m.HEAPU8.buffer, m.HEAPU8.byteOffset, m.HEAPU8.byteLength);
  const base = heap.indexOf(MARK);
  if (base < 0) throw new Error('espeak-ng: argument region not found');
  // The first run parsed up to its text, argv[5].
  return { m, base, nextArg: 5, errors };
}

function run(inst, job) {
  const { m } = inst;
  const enc = new TextEncoder();
  let cursor = inst.base;
  const put = (s) => {
    const b = enc.encode(s + '\0');
    m.HEAPU8.set(b, cursor);
    const at = cursor;
    cursor += b.length;
    return at;
  };
  m.FS.writeFile('/in.txt', job.text);
  const filler = put('-z');
  const args = ['-w', '/out.wav', '-v', job.voice, '-p', String(job.pitch), '-s', String(job.speed), '-f', '/in.txt'].map(put);
  const argv = [put('espeak-ng')];
  for (let i = 1; i < inst.nextArg; i++) argv.push(filler);
  argv.push(...args);
  const at = (cursor + 3) & ~3;
  if (at + 4 * (argv.length + 1) > inst.base + RESERVE) return null;
  for (let i = 0; i < argv.length; i++) m.HEAPU32[(at >> 2) + i] = argv[i];
  m.HEAPU32[(at >> 2) + argv.length] = 0;
  inst.errors.length = 0;
  const rc = m._main(argv.length, at);
  inst.nextArg = argv.length;
  if (rc !== 0) throw new Error('espeak-ng exited ' + rc + ': ' + inst.errors.join(' ').slice(0, 200));
  const wav = m.FS.readFile('/out.wav');
  m.FS.unlink('/out.wav');
  return wav;
}

async function synthesize(job) {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!instance) instance = await load();
    try {
      const wav = run(instance, job);
      if (wav) return wav;
      instance = null;
    } catch (err) {
      // exit() inside main leaves the instance's stack unwound by an exception: start a clean one.
      instance = null;
      if (err && err.name === 'ExitStatus') throw new Error('espeak-ng refused: ' + (err.message || err.status));
      throw err;
    }
  }
  throw new Error('espeak-ng: no instance');
}

let chain = Promise.resolve();
parentPort.on('message', (msg) => {
  chain = chain.then(async () => {
    try {
      const wav = await synthesize(msg);
      const out = wav.buffer.slice(wav.byteOffset, wav.byteOffset + wav.byteLength);
      parentPort.postMessage({ id: msg.id, ok: true, wav: out }, [out]);
    } catch (err) {
      parentPort.postMessage({ id: msg.id, ok: false, message: String((err && err.message) || err) });
    }
  });
});
`;

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

let shared: EspeakWasm | null | undefined;

/** The process's one eSpeak worker, started on first use; null when the package is not installed. */
export function espeakWasm(): EspeakWasm | null {
  if (shared !== undefined) return shared;
  const where = locateEspeakWasm();
  shared = where ? createEspeakWorker(where) : null;
  return shared;
}

function createEspeakWorker(where: { moduleUrl: string; wasmPath: string }): EspeakWasm {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (wav: Buffer) => void; reject: (err: Error) => void }>();

  function start(): Worker {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: where });
    w.on('message', (msg: { id: number; ok: boolean; wav?: ArrayBuffer; message?: string }) => {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(Buffer.from(msg.wav!));
      else p.reject(new Error(msg.message));
      if (pending.size === 0) w.unref();
    });
    const fail = (err: Error) => {
      if (worker === w) worker = null;
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`the espeak-ng worker stopped (${code})`)));
    w.unref();
    return w;
  }

  return {
    synthesize(request) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A waiting sentence keeps the process alive; an idle worker does not.
        w.ref();
        w.postMessage({ id, ...request });
      });
    },
  };
}
