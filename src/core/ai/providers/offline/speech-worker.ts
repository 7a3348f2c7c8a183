/**
 * The offline speech worker thread. eSpeak NG (the optional npm package `espeak-ng`, GPL-3.0-or-later, loaded only
 * here) synthesizes a sentence, and the audio work after it runs here too: resampling to the rate the listener plays
 * and the fingerprint the offline recognizer matches. None of it holds the event loop that paces every live voice
 * session's frames. The module is compiled and instantiated once; each sentence re-enters its `main` (about
 * 10–60 ms) instead of building a new instance (about 250 ms, 1.3–2.1 s with compiling).
 */
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { resamplePcm16, wavToPcm16 } from '../../pcm.js';
import { fingerprint } from './own-speech.js';
import type { RenderJob, RenderReply } from './espeak-wasm.js';

const MARK = 'TALKBASE-ARGV-RESERVE';
const RESERVE = 16384;

interface EspeakModule {
  HEAPU8: Uint8Array;
  HEAPU32: Uint32Array;
  FS: { writeFile(path: string, data: string): void; readFile(path: string): Uint8Array; unlink(path: string): void };
  _main(argc: number, argv: number): number;
}

interface Instance {
  m: EspeakModule;
  /** Start of the argument region reserved on the wasm stack. */
  base: number;
  /** Where the next run's options start: getopt keeps `optind` between runs. */
  nextArg: number;
  errors: string[];
}

const where = workerData as { moduleUrl: string | null; wasmPath: string | null };
let compiled: WebAssembly.Module | null = null;
let instance: Instance | null = null;

/**
 * Emscripten's `callMain` is not exported and its getopt keeps `optind` between runs, so each run's arguments are
 * laid out after the previous run's in a region of the wasm stack reserved by a long first argument; a new instance
 * is built when that region is full.
 */
async function load(): Promise<Instance> {
  if (!where.moduleUrl || !where.wasmPath) throw new Error('the espeak-ng package is not installed');
  compiled ??= await WebAssembly.compile(fs.readFileSync(where.wasmPath));
  const module = compiled;
  const { default: ESpeakNg } = (await import(where.moduleUrl)) as { default: (options: object) => Promise<EspeakModule> };
  const errors: string[] = [];
  let failed: unknown = null;
  const ready = ESpeakNg({
    // The first run speaks one word; its long pitch argument (atoi reads 50) reserves the argument region.
    arguments: ['-w', '/warm.wav', '-p', `50 ${MARK}${' '.repeat(RESERVE)}`, 'ready'],
    instantiateWasm(imports: WebAssembly.Imports, done: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) {
      WebAssembly.instantiate(module, imports).then(
        (inst) => done(inst, module),
        (err: unknown) => (failed = err),
      );
      return {};
    },
    print() {},
    printErr(line: string) {
      errors.push(line);
    },
    stdin: () => null,
  });
  const m = await Promise.race([
    ready,
    new Promise<never>((_, reject) => setTimeout(() => reject(failed ?? new Error('espeak-ng did not start')), 30_000).unref()),
  ]);
  const base = Buffer.from(m.HEAPU8.buffer, m.HEAPU8.byteOffset, m.HEAPU8.byteLength).indexOf(MARK);
  if (base < 0) throw new Error('espeak-ng: argument region not found');
  // The first run parsed up to its text, argv[5].
  return { m, base, nextArg: 5, errors };
}

function run(inst: Instance, job: RenderJob): Uint8Array | null {
  const { m } = inst;
  const encoder = new TextEncoder();
  let cursor = inst.base;
  const put = (s: string) => {
    const b = encoder.encode(`${s}\0`);
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
  for (let i = 0; i < argv.length; i++) m.HEAPU32[(at >> 2) + i] = argv[i]!;
  m.HEAPU32[(at >> 2) + argv.length] = 0;
  inst.errors.length = 0;
  const rc = m._main(argv.length, at);
  inst.nextArg = argv.length;
  if (rc !== 0) throw new Error(`espeak-ng exited ${rc}: ${inst.errors.join(' ').slice(0, 200)}`);
  const wav = m.FS.readFile('/out.wav');
  m.FS.unlink('/out.wav');
  return wav;
}

async function synthesize(job: RenderJob): Promise<Uint8Array> {
  for (let attempt = 0; attempt < 2; attempt++) {
    instance ??= await load();
    try {
      const wav = run(instance, job);
      if (wav) return wav;
      instance = null;
    } catch (err) {
      // exit() inside main leaves the instance's stack unwound by an exception: start a clean one.
      instance = null;
      if ((err as { name?: string }).name === 'ExitStatus') throw new Error(`espeak-ng refused: ${(err as Error).message}`, { cause: err });
      throw err;
    }
  }
  throw new Error('espeak-ng: no instance');
}

async function render(job: RenderJob): Promise<Extract<RenderReply, { ok: true }>> {
  const wav = job.wav ? Buffer.from(job.wav) : Buffer.from(await synthesize(job));
  const decoded = wavToPcm16(wav);
  if (!decoded) throw new Error('espeak-ng produced no WAV');
  const entry = job.fingerprint ? fingerprint(job.text, decoded.pcm, decoded.sampleRate) : null;
  const rate = job.rate ?? decoded.sampleRate;
  const pcm = Buffer.from(resamplePcm16(decoded.pcm, decoded.sampleRate, rate));
  return { id: job.id, ok: true, pcm: pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength), sampleRate: rate, entry };
}

let chain = Promise.resolve();
parentPort!.on('message', (job: RenderJob) => {
  chain = chain.then(async () => {
    try {
      const reply = await render(job);
      const transfer: ArrayBuffer[] = [reply.pcm];
      if (reply.entry) transfer.push(reply.entry.frames.buffer as ArrayBuffer, reply.entry.sums.buffer as ArrayBuffer);
      parentPort!.postMessage(reply, transfer);
    } catch (err) {
      parentPort!.postMessage({ id: job.id, ok: false, message: String((err as Error)?.message ?? err) } satisfies RenderReply);
    }
  });
});
