// Live voice under load: real voice sockets (GET /v1/voice) against a real listening Talkbase server in its own
// process, with the offline engine. Each session is an ACTIVE call to a persona whose voice was trained through the
// offline voice simulator; it streams speech made by the server's own offline speech as a microphone would (one
// 20 ms frame every 20 ms, silence between utterances) and holds several spoken turns, each waiting for the reply to
// finish playing before speaking again. Sessions start staggered over a few seconds, as real callers arrive.
//
// Measured per turn: Talkbase's own added latency (`talkbaseMs` of the `metrics` event: the turn's stages minus the
// engines' own times), the engines' times apart, and the reply's outgoing pacing: the gap between consecutive frames
// as received minus 20 ms, gaps over 60 ms, and the server's recorded lateness and underruns (the `pacing` field).
// Targets (issue 16): talkbaseMs p95 ≤ 30 ms with 1 session and with 50; with 50 sessions, pacing jitter p99 ≤ 20 ms
// and no underrun.
//
//   npx tsx bench/voice.ts [--sessions 1,50] [--turns 20,4] [--stagger-seconds 5] [--database pglite|postgres]
//                          [--output-rate 24000] [--recognizer own-speech|pocketsphinx|auto] [--name voice] [--profile]
//
// One session holds 20 turns by default, so its p95 is not simply its slowest turn.
// --profile runs the server with --cpu-prof and adds a summary of where its CPU went (bench/results/tmp/voice-prof/).
// Load goes only to 127.0.0.1; every wait is bounded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { TurnLatency } from '../src/core/voice/protocol.js';
import { pcm16ToWav } from '../src/core/ai/pcm.js';
import { RESULTS_DIR, api as apiCall, freePort, machineInfo, percentile, prepareServerDatabase, registerUser, round } from './support.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const FRAME_MS = 20;
const IN_FRAME_BYTES = (16000 * FRAME_MS * 2) / 1000;

/** What the callers say, one sentence per turn (each session starts at a different one). */
export const SENTENCES = [
  'Hello grandma, how are you today?',
  'I planted tomatoes this year, just like you did.',
  'Yes, I have eaten. I miss your cooking very much.',
  'Do you remember the summer we spent at the lake?',
  'The garden looks beautiful in the morning light.',
  'I will visit you again next weekend with the children.',
  'Tell me about the day you met grandpa.',
  'Thank you for always asking how I am.',
];

// ---- the server (its own process): the app as `talkbase serve` builds it, plus the offline speech for the callers ----

async function serve() {
  const { loadConfig } = await import('../src/config.js');
  const { buildApp } = await import('../src/app.js');
  const { resamplePcm16, wavToPcm16 } = await import('../src/core/ai/pcm.js');
  const config = loadConfig();
  const app = await buildApp(config, { startJobs: false });
  await app.listen({ port: config.port, host: config.host });
  await app.core.jobs.start();
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const stalls = watchStalls();
  let windowStartUs = 0;
  let cpu = process.cpuUsage();
  let wall = performance.now();
  let peakRss = 0;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500);
  const send = (m: Record<string, unknown>) => process.send!(m);
  // Every outgoing frame's lateness, as the server's /metrics histogram counts it.
  const frames = async () => {
    const metrics = (app as unknown as { metrics: import('../src/core/observability/metrics.js').Metrics }).metrics;
    const le: Record<string, number> = {};
    let count = 0;
    for (const v of (await metrics.voiceFrameLateness.get()).values) {
      if (v.metricName?.endsWith('_bucket')) le[String(v.labels.le)] = v.value;
      else if (v.metricName?.endsWith('_count')) count = v.value;
    }
    const underruns = (await metrics.voiceUnderruns.get()).values[0]?.value ?? 0;
    return { sent: count, within20: le['0.02'] ?? 0, within60: le['0.06'] ?? 0, underruns };
  };
  let framesAtStart = await frames();
  process.on('message', (m: { type: string; id?: number; text?: string }) => {
    void (async () => {
      if (m.type === 'speak') {
        try {
          // The callers' microphones: speech made by this server's offline speech, as 16 kHz PCM16.
          const spoken = await app.core.ai.speak(m.text!, { format: 'wav' });
          const wav = wavToPcm16(spoken.audio);
          if (!wav) throw new Error('offline speech gave no WAV');
          send({ type: 'spoken', id: m.id, pcm: resamplePcm16(wav.pcm, wav.sampleRate, 16000).toString('base64') });
        } catch (err) {
          send({ type: 'spoken', id: m.id, error: `${(err as { code?: string }).code ?? ''} ${(err as Error).message}`.trim() });
        }
      } else if (m.type === 'measure-start') {
        loop.reset();
        cpu = process.cpuUsage();
        wall = performance.now();
        peakRss = process.memoryUsage().rss;
        windowStartUs = nowUs();
        stalls.reset();
        framesAtStart = await frames();
        send({ type: 'measuring' });
      } else if (m.type === 'measure-end') {
        const used = process.cpuUsage(cpu);
        const ms = (ns: number) => round(ns / 1e6, 1);
        send({
          type: 'measured',
          wallMs: round(performance.now() - wall, 0),
          cpuMs: round((used.user + used.system) / 1000, 0),
          eventLoopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
          peakRssMb: round(Math.max(peakRss, process.memoryUsage().rss) / 2 ** 20, 1),
          window: { startUs: windowStartUs, endUs: nowUs() },
          stalls: stalls.read(),
          frames: await (async () => {
            const f = await frames();
            const sent = f.sent - framesAtStart.sent;
            return {
              sent,
              laterThan20Ms: sent - (f.within20 - framesAtStart.within20),
              laterThan60Ms: sent - (f.within60 - framesAtStart.within60),
              underruns: f.underruns - framesAtStart.underruns,
            };
          })(),
        });
      } else if (m.type === 'stop') {
        clearInterval(rssTimer);
        await app.close();
        process.exit(0);
      }
    })();
  });
  process.once('SIGTERM', () => void app.close().finally(() => process.exit(0)));
  send({ type: 'ready', url: `http://127.0.0.1:${config.port}` });
}

/** Microseconds on the monotonic clock V8's CPU profiles use, so a window of a profile can be picked out. */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/** Times the event loop was held for 50 ms or more (a 5 ms timer that came late), with when they began. */
function watchStalls() {
  let list: Stall[] = [];
  let last = nowUs();
  const timer = setInterval(() => {
    const t = nowUs();
    const held = (t - last) / 1000 - 5;
    if (held >= 50) list.push({ startUs: last + 5000, ms: round(held, 0) });
    last = t;
  }, 5);
  timer.unref();
  return {
    reset: () => void (list = []),
    read: () => ({
      count: list.length,
      totalMs: round(
        list.reduce((s, x) => s + x.ms, 0),
        0,
      ),
      longest: [...list].sort((a, b) => b.ms - a.ms).slice(0, 20),
    }),
  };
}

interface Stall {
  startUs: number;
  ms: number;
}

interface VoiceServer {
  url: string;
  speak(text: string): Promise<Buffer>;
  measureStart(): Promise<void>;
  measureEnd(): Promise<ServerMeasure>;
  stop(): Promise<void>;
  log(): string;
}

interface ServerMeasure {
  wallMs: number;
  cpuMs: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  peakRssMb: number;
  window: { startUs: number; endUs: number };
  stalls: { count: number; totalMs: number; longest: Stall[] };
  /** Outgoing voice frames in the window, from the server's lateness histogram. */
  frames: { sent: number; laterThan20Ms: number; laterThan60Ms: number; underruns: number };
}

async function startVoiceServer(env: Record<string, string>, profileDir: string | null): Promise<VoiceServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', fileURLToPath(import.meta.url), '--serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      LOG_LEVEL: 'warn',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      TALKBASE_PUBLIC_URL: url,
      // The offline voice simulator trains in a few steps of this length, then calls the webhook.
      AI_OFFLINE_TRAINING_STEP_MS: '20',
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    detached: true,
  });
  let log = '';
  const keep = (d: Buffer) => void (log = (log + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const waiting = new Map<string, (m: any) => void>();
  let nextId = 1;
  child.on('message', (m: { type: string; id?: number }) => {
    const key = m.id !== undefined ? `${m.type}:${m.id}` : m.type;
    waiting.get(key)?.(m);
    waiting.delete(key);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const expect = <T>(key: string, ms: number) =>
    Promise.race([
      new Promise<T>((resolve) => waiting.set(key, resolve)),
      exited.then((code) => Promise.reject(new Error(`the voice server exited (${code}):\n${log}`))),
      sleep(ms).then(() => Promise.reject(new Error(`the voice server did not answer ${key} within ${ms} ms:\n${log}`))),
    ]);
  await expect<{ url: string }>('ready', 180_000);
  return {
    url,
    async speak(text) {
      const id = nextId++;
      const reply = expect<{ pcm?: string; error?: string }>(`spoken:${id}`, 60_000);
      child.send({ type: 'speak', id, text });
      const r = await reply;
      if (!r.pcm) throw new Error(`offline speech failed: ${r.error}`);
      return Buffer.from(r.pcm, 'base64');
    },
    async measureStart() {
      const r = expect('measuring', 10_000);
      child.send({ type: 'measure-start' });
      await r;
    },
    async measureEnd() {
      const r = expect<ServerMeasure>('measured', 10_000);
      child.send({ type: 'measure-end' });
      return r;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      // A profiled server writes its profiles as it exits: give it time, then SIGTERM, then SIGKILL.
      const signal = (name: NodeJS.Signals) => {
        console.error(`voice: the server did not stop in time; sending ${name}`);
        try {
          process.kill(-child.pid!, name);
        } catch {
          // gone
        }
      };
      const term = setTimeout(() => signal('SIGTERM'), 90_000);
      const kill = setTimeout(() => signal('SIGKILL'), 120_000);
      await exited;
      clearTimeout(term);
      clearTimeout(kill);
    },
    log: () => log,
  };
}

// ---- a caller: a voice socket with a microphone that sends a frame every 20 ms ----

type Msg = Record<string, any> & { type: string };

export interface TurnRecord {
  session: number;
  turn: number;
  said: string;
  heard: string;
  turnId: string;
  ok: boolean;
  failure?: string;
  latency?: TurnLatency;
  /** Last voiced frame sent → first reply frame received (includes the end-of-turn silence). */
  heardAfterMs?: number;
  /** Arrival times of the reply's frames. */
  frameTimes: number[];
  frameBytes: number[];
}

class Caller {
  readonly events: { at: number; msg: Msg }[] = [];
  readonly errors: Msg[] = [];
  private readonly frames = new Map<string, { at: number[]; bytes: number[] }>();
  private audioTurn: string | null = null;
  private listeners = new Set<() => void>();
  private mic: { pcm: Buffer; at: number; done: () => void } | null = null;
  private micTimer: NodeJS.Timeout | null = null;
  private micStart = 0;
  private micSent = 0;
  lastVoicedAt = 0;
  private readonly silence = Buffer.alloc(IN_FRAME_BYTES);
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      const at = performance.now();
      if (isBinary) {
        if (this.audioTurn) {
          const f = this.frames.get(this.audioTurn)!;
          f.at.push(at);
          f.bytes.push(raw.length);
        }
      } else {
        const msg = JSON.parse(raw.toString()) as Msg;
        if (msg.type === 'audio.start') {
          this.audioTurn = msg.turnId as string;
          this.frames.set(this.audioTurn, { at: [], bytes: [] });
        }
        if ((msg.type === 'audio.end' || msg.type === 'interrupted') && msg.turnId === this.audioTurn) this.audioTurn = null;
        if (msg.type === 'error') this.errors.push(msg);
        this.events.push({ at, msg });
      }
      for (const l of this.listeners) l();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
  }

  static async connect(baseUrl: string, token: string, callId: string, outputRate: number): Promise<Caller> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/voice`);
    await Promise.race([
      new Promise<void>((resolve, reject) => {
        ws.once('open', () => resolve());
        ws.once('error', reject);
      }),
      sleep(15_000).then(() => Promise.reject(new Error('the voice socket did not open within 15 s'))),
    ]);
    const c = new Caller(ws);
    ws.send(
      JSON.stringify({
        type: 'start',
        token,
        product: 'calls',
        id: callId,
        audio: { encoding: 'pcm16', inputSampleRate: 16000, outputSampleRate: outputRate, frameMs: FRAME_MS },
      }),
    );
    const reply = await c.next((m) => m.type === 'started' || m.type === 'error', 15_000);
    if (reply.type !== 'started') throw new Error(`start refused: ${JSON.stringify(reply)}`);
    c.startMicrophone();
    return c;
  }

  /** One frame every 20 ms on a schedule kept from the first (no drift); silence unless an utterance is queued. */
  private startMicrophone() {
    this.micStart = performance.now();
    const tick = () => {
      if (this.ws.readyState !== WebSocket.OPEN) return;
      let frame = this.silence;
      const m = this.mic;
      if (m) {
        frame = Buffer.alloc(IN_FRAME_BYTES);
        m.pcm.copy(frame, 0, m.at, Math.min(m.at + IN_FRAME_BYTES, m.pcm.length));
        m.at += IN_FRAME_BYTES;
        if (frame.some((b) => b !== 0)) this.lastVoicedAt = performance.now();
        if (m.at >= m.pcm.length) {
          this.mic = null;
          m.done();
        }
      }
      this.ws.send(frame, { binary: true });
      this.micSent++;
      this.micTimer = setTimeout(tick, Math.max(0, this.micStart + this.micSent * FRAME_MS - performance.now()));
    };
    tick();
  }

  /** Queues an utterance on the microphone; resolves once its last frame is sent. */
  say(pcm: Buffer): Promise<void> {
    return new Promise((done) => (this.mic = { pcm, at: 0, done }));
  }

  framesOf(turnId: string) {
    return this.frames.get(turnId) ?? { at: [], bytes: [] };
  }

  async next(match: (m: Msg) => boolean, timeoutMs: number, from = 0): Promise<Msg> {
    const find = () => this.events.slice(from).find((e) => match(e.msg));
    const found = find();
    if (found) return found.msg;
    return new Promise((resolve, reject) => {
      const check = () => {
        const e = find();
        if (!e) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(e.msg);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `no matching event within ${timeoutMs} ms (last: ${this.events
              .slice(-5)
              .map((e) => e.msg.type)
              .join(', ')})`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  close() {
    if (this.micTimer) clearTimeout(this.micTimer);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ type: 'end' }));
    this.ws.close();
  }
}

/** One spoken turn: say the sentence, then wait for the final transcript, the whole reply's audio and its metrics. */
async function spokenTurn(c: Caller, session: number, turn: number, said: string, pcm: Buffer): Promise<TurnRecord> {
  const from = c.events.length;
  const record: TurnRecord = { session, turn, said, heard: '', turnId: '', ok: false, frameTimes: [], frameBytes: [] };
  try {
    await Promise.race([c.say(pcm), sleep(30_000).then(() => Promise.reject(new Error('the microphone stalled')))]);
    // An error now (voice.too_fast discards the utterance, ai.transcription_unavailable) means no reply will come.
    const final = await c.next((m) => m.type === 'transcript.final' || m.type === 'error', 20_000, from);
    if (final.type === 'error') throw new Error(`error event ${final.code}`);
    record.turnId = final.turnId as string;
    record.heard = final.text as string;
    if (!record.heard) throw new Error('nothing recognized');
    const done = await c.next(
      (m) => (m.type === 'metrics' || m.type === 'error' || m.type === 'interrupted') && m.turnId === record.turnId,
      60_000,
      from,
    );
    if (done.type !== 'metrics') throw new Error(`${done.type === 'error' ? 'error event' : done.type} ${done.code ?? ''}`.trim());
    record.latency = done.latency;
    const frames = c.framesOf(record.turnId);
    record.frameTimes = frames.at;
    record.frameBytes = frames.bytes;
    if (!frames.at.length) throw new Error('no reply audio');
    record.heardAfterMs = round(frames.at[0]! - c.lastVoicedAt, 1);
    record.ok = true;
  } catch (err) {
    record.failure = (err as Error).message;
  }
  return record;
}

// ---- setting up the calls (not measured) ----

function toneWav(seconds: number, hz: number): Buffer {
  const rate = 16000;
  const pcm = Buffer.alloc(Math.round(seconds * rate) * 2);
  for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), i * 2);
  return pcm16ToWav(pcm, rate);
}

/** Runs a set-up step again while the server sheds load (503, on a busy machine), at most 30 times. */
async function shedRetry<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= 30 || !/: 503 /.test((err as Error).message)) throw err;
      await sleep(1000);
    }
  }
}

/** A user with a trained persona and an ACTIVE call to it, all through the public API. */
async function activeCall(baseUrl: string, i: number): Promise<{ token: string; callId: string }> {
  const user = await shedRetry(() => registerUser(baseUrl, `voice-${i}`));
  const t = user.token;
  const api = <T = any>(method: string, url: string, body?: unknown, expect?: number[]) =>
    shedRetry(() => apiCall<T>(baseUrl, t, method, url, body, expect));
  const persona = await api<{ id: string }>('POST', '/v1/calls/personas', {
    name: 'Grandma Rose',
    phoneNumber: `+82 10-7000-${String(1000 + i)}`,
    relationship: 'grandmother',
    memo: 'She grew tomatoes every summer, called me sweetheart and always asked whether I had eaten.',
  });
  await shedRetry(async () => {
    const upload = await fetch(`${baseUrl}/v1/calls/personas/${persona.id}/voice-files`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t}`, 'content-type': 'audio/wav', 'x-file-name': 'voicemail.wav' },
      body: new Uint8Array(toneWav(0.5, 220 + (i % 7) * 40)),
    });
    if (upload.status !== 201) throw new Error(`voice upload: ${upload.status} ${await upload.text()}`);
  });
  await api('PUT', `/v1/calls/personas/${persona.id}/consent`, {
    voiceOwner: 'Rose Kim',
    statement: 'I am her grandchild; our family agreed to keep her voice.',
  });
  await api('POST', `/v1/calls/personas/${persona.id}/training`, undefined, [202]);
  const until = Date.now() + 90_000;
  for (;;) {
    const s = await api<{ learningStatus: string }>('GET', `/v1/calls/personas/${persona.id}/training`);
    if (s.learningStatus === 'COMPLETED') break;
    if (s.learningStatus !== 'IN_PROGRESS' || Date.now() > until) throw new Error(`training ended ${s.learningStatus}`);
    await sleep(100);
  }
  const call = await api<{ id: string }>('POST', '/v1/calls/sessions', { personaId: persona.id });
  await api('POST', `/v1/calls/sessions/${call.id}/dial`);
  await api('POST', `/v1/calls/sessions/${call.id}/answer`);
  return { token: t, callId: call.id };
}

async function inBatches<T>(count: number, width: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, count) }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

// ---- one scenario: N sessions, staggered, T turns each ----

export interface Stats {
  n: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

export function stats(values: number[]): Stats {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { n: 0, p50: null, p95: null, p99: null, max: null };
  return {
    n: v.length,
    p50: round(percentile(v, 50), 1),
    p95: round(percentile(v, 95), 1),
    p99: round(percentile(v, 99), 1),
    max: round(Math.max(...v), 1),
  };
}

/** Gaps between consecutive frames of one reply as received, minus the frame length. */
export function frameJitter(arrivals: number[], frameMs = FRAME_MS): number[] {
  const out: number[] = [];
  for (let i = 1; i < arrivals.length; i++) out.push(arrivals[i]! - arrivals[i - 1]! - frameMs);
  return out;
}

/** The console's player (console/src/voice/player.ts): a reply starts 80 ms behind its first frame. */
export const PLAYER_JITTER_MS = 80;

/**
 * Times a listener's playback ran dry within one reply, played as the console's player plays it: each frame is
 * scheduled right after the one before; when a frame arrives after the audio before it has finished, playback
 * starts again `jitterMs` behind it — that pause is heard.
 */
export function playbackUnderruns(arrivals: number[], jitterMs = PLAYER_JITTER_MS, frameMs = FRAME_MS): number {
  let playedUntil = -Infinity;
  let dry = 0;
  for (const [i, at] of arrivals.entries()) {
    if (playedUntil < at) {
      if (i > 0) dry++;
      playedUntil = at + jitterMs;
    }
    playedUntil += frameMs;
  }
  return dry;
}

/** A small deterministic generator, so pauses and start offsets repeat from run to run. */
function seeded(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

interface ScenarioOptions {
  sessions: number;
  turns: number;
  staggerSeconds: number;
  outputRate: number;
}

async function runScenario(server: VoiceServer, speech: Map<string, Buffer>, o: ScenarioOptions) {
  console.log(`voice: setting up ${o.sessions} ACTIVE call(s) with trained personas`);
  const calls = await inBatches(o.sessions, 4, (i) => activeCall(server.url, i));
  await warmUp(server, speech, o.outputRate);
  const random = seeded(o.sessions * 7919 + o.turns);
  const clientLoop = monitorEventLoopDelay({ resolution: 1 });
  const load: number[] = [os.loadavg()[0]!];
  const loadTimer = setInterval(() => load.push(os.loadavg()[0]!), 1000);
  await server.measureStart();
  clientLoop.enable();
  const clientCpu = process.cpuUsage();
  const started = performance.now();
  console.log(`voice: ${o.sessions} session(s) × ${o.turns} turns, starting over ${o.sessions > 1 ? o.staggerSeconds : 0} s`);
  const results = await Promise.all(
    calls.map(async (call, i) => {
      await sleep(o.sessions > 1 ? (i * o.staggerSeconds * 1000) / o.sessions : 0);
      const turns: TurnRecord[] = [];
      let caller: Caller;
      try {
        caller = await Caller.connect(server.url, call.token, call.callId, o.outputRate);
      } catch (err) {
        console.error(`voice: session ${i} could not start: ${(err as Error).message}`);
        return { turns, errors: [{ type: 'error', code: 'connect', message: (err as Error).message }] as Msg[], connectFailed: true };
      }
      for (let t = 0; t < o.turns; t++) {
        await sleep(300 + random() * 700); // the caller listens, then answers
        const said = SENTENCES[(i + t) % SENTENCES.length]!;
        const r = await spokenTurn(caller, i, t, said, speech.get(said)!);
        turns.push(r);
        if (!r.ok) break;
      }
      caller.close();
      await Promise.race([caller.closed, sleep(5000)]);
      await apiCall(server.url, call.token, 'POST', `/v1/calls/sessions/${call.callId}/hangup`).catch(() => undefined);
      return { turns, errors: caller.errors, connectFailed: false };
    }),
  );
  const seconds = round((performance.now() - started) / 1000, 1);
  clientLoop.disable();
  const clientCpuMs = (process.cpuUsage(clientCpu).user + process.cpuUsage(clientCpu).system) / 1000;
  clearInterval(loadTimer);
  load.push(os.loadavg()[0]!);
  const serverMeasure = await server.measureEnd();
  return summarize(o, results, seconds, serverMeasure, { loop: clientLoop, cpuPercent: round(clientCpuMs / (seconds * 10), 0) }, load);
}

/**
 * One spoken turn on a call of its own before measuring: the first turn of a process loads the voice modules, starts
 * the speech worker and warms the JIT, which a server that has been up for a while has long done.
 */
async function warmUp(server: VoiceServer, speech: Map<string, Buffer>, outputRate: number) {
  const call = await activeCall(server.url, 999);
  const caller = await Caller.connect(server.url, call.token, call.callId, outputRate);
  const r = await spokenTurn(caller, -1, 0, SENTENCES[0]!, speech.get(SENTENCES[0]!)!);
  caller.close();
  await Promise.race([caller.closed, sleep(5000)]);
  await apiCall(server.url, call.token, 'POST', `/v1/calls/sessions/${call.callId}/hangup`).catch(() => undefined);
  if (!r.ok) throw new Error(`the warm-up turn failed: ${r.failure}`);
}

function summarize(
  o: ScenarioOptions,
  results: { turns: TurnRecord[]; errors: Msg[]; connectFailed: boolean }[],
  seconds: number,
  serverMeasure: ServerMeasure,
  client: { loop: ReturnType<typeof monitorEventLoopDelay>; cpuPercent: number },
  load: number[],
) {
  const turns = results.flatMap((r) => r.turns);
  const ok = turns.filter((t) => t.ok);
  const lat = ok.map((t) => t.latency!);
  const num = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');
  const jitter = ok.flatMap((t) => frameJitter(t.frameTimes));
  const errorCodes: Record<string, number> = {};
  for (const r of results) for (const e of r.errors) errorCodes[e.code ?? 'unknown'] = (errorCodes[e.code ?? 'unknown'] ?? 0) + 1;
  const failures: Record<string, number> = {};
  for (const t of turns.filter((x) => !x.ok)) failures[t.failure!] = (failures[t.failure!] ?? 0) + 1;
  // The server's underrun count is per session (its track), cumulative: the last turn's figure is the session's.
  const underruns = results.reduce((s, r) => s + r.turns.reduce((u, t) => u + (t.ok ? (t.latency?.pacing?.underruns ?? 0) : 0), 0), 0);
  const expectedBytes = (o.outputRate * FRAME_MS * 2) / 1000;
  const ms = (ns: number) => round(ns / 1e6, 1);
  return {
    sessions: o.sessions,
    turnsPerSession: o.turns,
    staggerSeconds: o.sessions > 1 ? o.staggerSeconds : 0,
    outputSampleRate: o.outputRate,
    seconds,
    turns: {
      expected: o.sessions * o.turns,
      completed: ok.length,
      failed: turns.length - ok.length,
      notReached: o.sessions * o.turns - turns.length,
      failures,
      recognizedExactly: ok.filter((t) => words(t.heard) === words(t.said)).length,
      connectFailures: results.filter((r) => r.connectFailed).length,
    },
    errorEvents: errorCodes,
    talkbaseMs: stats(num(lat.map((l) => l.talkbaseMs))),
    /** talkbaseMs split by stage: each stage's time minus the engine's share of it (they sum to talkbaseMs). */
    talkbaseByStage: {
      transcript: stats(num(lat.map((l) => minus(l.transcriptMs, l.provider.transcribeMs)))),
      storeTurnAndPrompt: stats(num(lat.map((l) => minus(l.firstTokenMs, l.provider.modelFirstTokenMs)))),
      speechToFirstFrame: stats(
        num(lat.map((l) => minus(minus(l.firstAudioMs, l.provider.firstSentenceMs), l.provider.speakFirstAudioMs))),
      ),
    },
    totalMs: stats(num(lat.map((l) => l.totalMs))),
    provider: {
      transcribeMs: stats(num(lat.map((l) => l.provider.transcribeMs))),
      modelFirstTokenMs: stats(num(lat.map((l) => l.provider.modelFirstTokenMs))),
      firstSentenceMs: stats(num(lat.map((l) => l.provider.firstSentenceMs))),
      speakFirstAudioMs: stats(num(lat.map((l) => l.provider.speakFirstAudioMs))),
    },
    heardAfterMs: stats(num(ok.map((t) => t.heardAfterMs))),
    pacing: {
      framesReceived: ok.reduce((s, t) => s + t.frameTimes.length, 0),
      wrongSizeFrames: ok.reduce((s, t) => s + t.frameBytes.filter((b) => b !== expectedBytes).length, 0),
      gapMinusFrameMs: stats(jitter),
      gapsOver60Ms: jitter.filter((j) => j + FRAME_MS > 60).length,
      serverMaxLateMsPerTurn: stats(num(lat.map((l) => l.pacing?.maxLateMs))),
      serverUnderruns: underruns,
      playbackUnderruns: ok.reduce((s, t) => s + playbackUnderruns(t.frameTimes), 0),
      turnsWithPlaybackUnderrun: ok.filter((t) => playbackUnderruns(t.frameTimes) > 0).length,
    },
    server: serverMeasure,
    client: {
      cpuPercent: client.cpuPercent,
      eventLoopDelayMs: { p50: ms(client.loop.percentile(50)), p99: ms(client.loop.percentile(99)), max: ms(client.loop.max) },
    },
    loadAverage: {
      start: round(load[0]!, 2),
      min: round(Math.min(...load), 2),
      max: round(Math.max(...load), 2),
      end: round(load.at(-1)!, 2),
    },
    slowestTurns: [...ok]
      .sort((a, b) => (b.latency!.talkbaseMs ?? 0) - (a.latency!.talkbaseMs ?? 0))
      .slice(0, 5)
      .map((t) => ({ session: t.session, turn: t.turn, latency: t.latency })),
  };
}

/** Frames the server sent more than 20 (and 60) ms late, from its lateness histogram. */
function lateShare(s: { server: ServerMeasure }): string {
  const f = s.server.frames;
  if (!f?.sent) return 'no frames counted';
  const share = (n: number) => `${n} (${round((100 * n) / f.sent, 2)} %)`;
  return `${share(f.laterThan20Ms)} of ${f.sent} more than 20 ms late, ${share(f.laterThan60Ms)} more than 60 ms`;
}

/** p99 ≤ 20 ms: at most 1 % of the frames left more than 20 ms late. */
const serverLateOk = (s: { server: ServerMeasure }) =>
  !!s.server.frames?.sent && s.server.frames.laterThan20Ms <= s.server.frames.sent * 0.01;

const minus = (a: number | null | undefined, b: number | null | undefined) => (typeof a === 'number' ? a - (b ?? 0) : null);

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');

// ---- a CPU profile, summarized ----

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/**
 * Self time per function and per area of the code, from a V8 .cpuprofile; with `windows` (µs on the profile's clock),
 * only the samples taken inside them.
 */
export function summarizeProfile(
  profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime?: number },
  top = 20,
  windows: { startUs: number; endUs: number }[] | null = null,
) {
  const byNode = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  let at = profile.startTime ?? 0;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (windows && !windows.some((w) => at >= w.startUs && at <= w.endUs)) return;
    self.set(id, (self.get(id) ?? 0) + us);
    total += us;
  });
  const fns = new Map<string, number>();
  const areas = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, us] of self) {
    const f = byNode.get(id)!.callFrame;
    const file = f.url.replace(/^file:\/\//, '').replace(`${root}/`, '');
    const key = `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
    fns.set(key, (fns.get(key) ?? 0) + us);
    const area = profileArea(file, f.functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = file || f.functionName;
    files.set(where, (files.get(where) ?? 0) + us);
  }
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, ms: round(us / 1000, 0), percent: round((100 * us) / Math.max(1, total), 1) }));
  return { totalMs: round(total / 1000, 0), areas: rank(areas, 14), functions: rank(fns, top), files: rank(files, 30) };
}

export function profileArea(file: string, fn: string): string {
  if (!file) return fn.startsWith('(') ? fn : 'V8 and Node internals';
  if (file.startsWith('node:')) return 'Node core (sockets, timers, streams)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
  if (pkg) return pkg === '@electric-sql/pglite' ? 'PGlite (embedded PostgreSQL)' : `npm: ${pkg}`;
  const src = /^src\/(core\/[^/]+|products\/[^/]+|[^/]+)/.exec(file)?.[1];
  if (src) return `src/${src}`;
  return file.split('/').slice(0, 2).join('/');
}

/**
 * The server's profiles (`--cpu-prof` writes one per thread) over the measured window: the main thread's whole window,
 * the main thread during its longest stalls, and each other thread's busy time.
 */
function profileSummaries(dir: string, measure: ServerMeasure) {
  if (!fs.existsSync(dir)) return null;
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  // CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; thread 0 is the main thread (the event loop).
  const thread = (f: string) => Number(f.split('.').at(-3));
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  const main = files.find((f) => thread(f) === 0);
  if (!main) return null;
  const profile = read(main);
  const stallWindows = measure.stalls.longest.map((x) => ({ startUs: x.startUs, endUs: x.startUs + x.ms * 1000 }));
  return {
    file: path.relative(root, path.join(dir, main)),
    window: summarizeProfile(profile, 25, [measure.window]),
    stalls: stallWindows.length ? summarizeProfile(profile, 12, stallWindows) : null,
    otherThreads: files
      .filter((f) => f !== main)
      .map((f) => {
        const s = summarizeProfile(read(f), 3, [measure.window]);
        const idle = s.areas.find((a) => a.name === '(idle)')?.ms ?? 0;
        return { thread: thread(f), busyMs: round(s.totalMs - idle, 0), areas: s.areas.filter((a) => a.name !== '(idle)').slice(0, 4) };
      })
      .filter((t) => t.busyMs > 0),
  };
}

// ---- the run and its report ----

type Summary = ReturnType<typeof summarize>;

export interface VoiceTarget {
  sessions: number;
  what: string;
  target: string;
  measured: string;
  ok: boolean | null;
  /** What the run saw around a target missed: the server's CPU and event loop, the load, failed turns. */
  explanation?: string;
}

/** The conditions of a scenario, said in one sentence, for a target it missed. */
function conditions(s: Summary): string {
  const cpu = round((100 * s.server.cpuMs) / Math.max(1, s.server.wallMs), 0);
  const failed = Object.entries(s.turns.failures)
    .map(([why, n]) => `${n} × ${why}`)
    .join('; ');
  return (
    `With ${s.sessions} session${s.sessions > 1 ? 's' : ''} the server used ${cpu} % of one core, its event loop delay was p99 ${s.server.eventLoopDelayMs.p99} ms (max ${s.server.eventLoopDelayMs.max} ms), ` +
    `the callers' process's p99 ${s.client.eventLoopDelayMs.p99} ms, at load average ${s.loadAverage.min}–${s.loadAverage.max} on ${os.cpus().length} CPUs.` +
    (failed ? ` Turns that failed: ${failed}.` : '')
  );
}

export function voiceTargets(
  scenarios: Summary[],
  /** Why a scenario's target is missed, beyond its conditions (the run's profile of that scenario, the code). */
  findings: (s: Summary) => Partial<Record<Finding, string>> = () => ({}),
): VoiceTarget[] {
  const one = scenarios.find((s) => s.sessions === 1);
  const many = scenarios.filter((s) => s.sessions > 1).at(-1);
  const rows: VoiceTarget[] = [];
  const label = (s: Summary) => `${s.sessions} session${s.sessions > 1 ? 's' : ''}`;
  const pct = (s: Stats) => (s.n ? `p50 ${s.p50} / p95 ${s.p95} / max ${s.max} ms (${s.n} turns)` : 'no turns completed');
  const why = (s: Summary, key: Finding) => [conditions(s), findings(s)[key]].filter(Boolean).join(' ');
  for (const s of [one, many]) {
    if (!s) continue;
    const all = s.turns.completed === s.turns.expected;
    rows.push({
      sessions: s.sessions,
      what: `live voice: Talkbase's own added latency per turn (stages minus engine times), ${label(s)}`,
      target: 'p95 ≤ 30 ms',
      measured: `${pct(s.talkbaseMs)}; ${s.turns.completed}/${s.turns.expected} turns completed`,
      ok: s.talkbaseMs.n ? all && s.talkbaseMs.p95! <= 30 : null,
      explanation: why(s, 'latency'),
    });
  }
  if (many) {
    const p = many.pacing;
    rows.push({
      sessions: many.sessions,
      what: `live voice: outgoing frame pacing jitter, ${label(many)} (gap between consecutive reply frames as received minus 20 ms; each frame's lateness as the server sent it)`,
      target: 'p99 ≤ 20 ms',
      measured: `callers p99 ${p.gapMinusFrameMs.p99} ms (max ${p.gapMinusFrameMs.max}, ${p.gapMinusFrameMs.n} gaps); server: ${lateShare(many)}`,
      ok: p.gapMinusFrameMs.n ? p.gapMinusFrameMs.p99! <= 20 && serverLateOk(many) : null,
      explanation: why(many, 'jitter'),
    });
    rows.push({
      sessions: many.sessions,
      what: `live voice: playback underruns, ${label(many)}`,
      target: 'none',
      measured: `${p.serverUnderruns} counted by the server (a reply ran dry before its end); ${p.playbackUnderruns} heard by the callers playing as the console's player does (${PLAYER_JITTER_MS} ms behind the first frame), in ${p.turnsWithPlaybackUnderrun} of ${many.turns.completed} turns; for reference ${p.gapsOver60Ms} gaps > 60 ms between frames received (${p.framesReceived} frames)`,
      ok: p.framesReceived ? p.serverUnderruns === 0 && p.playbackUnderruns === 0 : null,
      explanation: why(many, 'underruns'),
    });
  }
  for (const s of [one, many]) {
    if (!s) continue;
    const e = s.provider;
    const f = (x: Stats) => (x.n ? `${x.p50}/${x.p95}` : '—');
    rows.push({
      sessions: s.sessions,
      what: `live voice: the offline engine's own times, ${label(s)} (p50/p95 ms)`,
      target: 'reported apart',
      measured: `transcribe ${f(e.transcribeMs)}, model first token ${f(e.modelFirstTokenMs)}, first sentence ${f(e.firstSentenceMs)}, speech first audio ${f(e.speakFirstAudioMs)}; end of speech → first audio frame sent ${f(s.totalMs)}`,
      ok: true,
    });
  }
  return rows;
}

function markdown(result: any): string {
  const m = result.machine;
  const lines = [
    '# Live voice benchmark',
    '',
    `${result.date} · ${m.cpus} × ${m.cpuModel} · ${m.memoryGb} GB · ${m.platform} · Node ${m.node} · ${result.database === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'PostgreSQL'} · load average ${m.loadAverageAtStart} at start, ${m.loadAverageAtEnd} at end`,
    '',
    'Real voice sockets against a Talkbase server in its own process (the app as `talkbase serve` builds it, run from the',
    'sources, with the offline engine), one fresh server and database per column. Each session is an ACTIVE call to a',
    "persona trained through the offline voice simulator; the caller streams speech made by the server's offline speech",
    '(eSpeak NG), resampled to 16 kHz, one 20 ms frame every 20 ms with silence between utterances, and waits for the',
    'whole reply to play before its next turn; sessions start staggered. One spoken turn on a call of its own warms the',
    'server before measuring. Transcription is the offline engine’s ' +
      (result.recognizer === 'own-speech'
        ? 'recognizer of its own speech (`AI_OFFLINE_RECOGNIZER=own-speech`, in process): pocketsphinx, the default when installed, starts a process per utterance, whose CPU on 2 cores would be measured instead of Talkbase.'
        : `\`${result.recognizer}\` recognizer.`),
    '`talkbaseMs` is each turn’s end of speech → first audio frame sent, minus the engines’ own times (transcription after',
    'the audio ended, model first token, first sentence, speech first audio): storing the turn, queueing, resampling and',
    'pacing. Frame gaps are measured where the callers receive them, in a second process on the same machine. A reply is sent',
    '100 ms ahead of real time (its first 120 ms at once); a pause is counted as heard when a caller playing the reply as the',
    'console’s player does (80 ms behind its first frame) runs out of audio. Every frame’s lateness comes from the server’s',
    '`talkbase_voice_frame_lateness_seconds` histogram.',
    '',
    '| | ' + result.scenarios.map((s: Summary) => `${s.sessions} session${s.sessions > 1 ? 's' : ''}`).join(' | ') + ' |',
    '|---|' + result.scenarios.map(() => '---').join('|') + '|',
  ];
  const row = (label: string, f: (s: Summary) => string) => lines.push(`| ${label} | ${result.scenarios.map(f).join(' | ')} |`);
  const st = (x: Stats, p = 'p95') => (x.n ? `${x.p50} / ${p === 'p99' ? x.p99 : x.p95} / ${x.max}` : '—');
  row(
    'turns completed / expected',
    (s) => `${s.turns.completed} / ${s.turns.expected}${s.turns.failed ? ` (${s.turns.failed} failed)` : ''}`,
  );
  row('start stagger, run time', (s) => `${s.staggerSeconds} s, ${s.seconds} s`);
  row('**Talkbase added, p50 / p95 / max ms** (target p95 ≤ 30)', (s) => `**${st(s.talkbaseMs)}**`);
  row('… of it after the final transcript came (end of turn → transcript event)', (s) => st(s.talkbaseByStage.transcript));
  row('… storing the user’s turn and building the reply prompt', (s) => st(s.talkbaseByStage.storeTurnAndPrompt));
  row('… from the first sentence to its first frame sent, less the engine’s speech time', (s) => st(s.talkbaseByStage.speechToFirstFrame));
  row('end of speech → first frame sent, p50 / p95 / max ms', (s) => st(s.totalMs));
  row('last voiced frame sent → first reply frame received (incl. 600 ms end of turn), p50 / p95 / max', (s) => st(s.heardAfterMs));
  row('engine: transcribe (after audio end), p50 / p95 / max', (s) => st(s.provider.transcribeMs));
  row('engine: model first token', (s) => st(s.provider.modelFirstTokenMs));
  row('engine: first sentence written', (s) => st(s.provider.firstSentenceMs));
  row('engine: speech first audio', (s) => st(s.provider.speakFirstAudioMs));
  row('**frame gap − 20 ms as received, p50 / p99 / max** (target p99 ≤ 20)', (s) => `**${st(s.pacing.gapMinusFrameMs, 'p99')}**`);
  row('**server: frames sent more than 20 ms late** (p99 ≤ 20 ms while ≤ 1 %)', (s) => `**${lateShare(s)}**`);
  row('server lateness per turn (max of the turn), p50 / p99 / max', (s) => st(s.pacing.serverMaxLateMsPerTurn, 'p99'));
  row(
    `**underruns: server / callers' playback (${PLAYER_JITTER_MS} ms buffer, as the console)** (target none)`,
    (s) => `**${s.pacing.serverUnderruns} / ${s.pacing.playbackUnderruns}**`,
  );
  row('gaps > 60 ms between frames received', (s) => String(s.pacing.gapsOver60Ms));
  row('reply frames received (wrong size)', (s) => `${s.pacing.framesReceived} (${s.pacing.wrongSizeFrames})`);
  row('final transcript = sentence said', (s) => `${s.turns.recognizedExactly} / ${s.turns.completed}`);
  row('error events', (s) => (Object.keys(s.errorEvents).length ? JSON.stringify(s.errorEvents) : 'none'));
  row(
    'server CPU (of one core), event loop delay p99 / max ms',
    (s) =>
      `${round((100 * s.server.cpuMs) / Math.max(1, s.server.wallMs), 0)} %, ${s.server.eventLoopDelayMs.p99} / ${s.server.eventLoopDelayMs.max}`,
  );
  row('server event loop held ≥ 50 ms: times, total, longest', (s) =>
    s.server.stalls.count ? `${s.server.stalls.count}, ${s.server.stalls.totalMs} ms, ${s.server.stalls.longest[0]!.ms} ms` : 'none',
  );
  row('server peak RSS', (s) => `${s.server.peakRssMb} MB`);
  row(
    'callers’ process: CPU (of one core), event loop delay p99 / max ms',
    (s) => `${s.client.cpuPercent} %, ${s.client.eventLoopDelayMs.p99} / ${s.client.eventLoopDelayMs.max}`,
  );
  row('load average during (min–max)', (s) => `${s.loadAverage.min}–${s.loadAverage.max}`);
  lines.push('', '## Targets', '', '| what | target | measured | status |', '|---|---|---|---|');
  for (const t of result.targets)
    lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.ok === null ? 'not measured' : t.ok ? 'met' : '**not met**'} |`);
  const failures = result.scenarios.filter((s: Summary) => Object.keys(s.turns.failures).length);
  if (failures.length) {
    lines.push('', '## Turns that failed', '');
    for (const s of failures)
      for (const [why, n] of Object.entries(s.turns.failures)) lines.push(`- ${s.sessions} sessions: ${n} × ${why}`);
  }
  const missed = result.targets.filter((t: VoiceTarget) => t.ok === false);
  if (missed.length) {
    lines.push('', '## Targets missed: why, and what should change', '');
    for (const t of missed) lines.push(`- **${t.what}** (${t.measured}; target ${t.target}). ${t.explanation ?? ''}`, '');
  }
  for (const p of result.profiles ?? []) lines.push(...profileMarkdown(p));
  if (result.notes?.length) lines.push('', '## Notes', '', ...result.notes.map((n: string) => `- ${n}`));
  lines.push('', `Run: \`npx tsx bench/voice.ts ${result.args}\``, '');
  return lines.join('\n');
}

function profileMarkdown(p: any): string[] {
  const table = (title: string, rows: { name: string; ms: number; percent: number }[]) => [
    '',
    `| ${title} | ms | % |`,
    '|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name.includes(' ') && !r.name.startsWith('(') ? `\`${r.name.replace(/\|/g, '\\|')}\`` : r.name} | ${r.ms} | ${r.percent} |`,
    ),
  ];
  const out = [
    '',
    `## Server CPU profile, ${p.scenario} session${p.scenario > 1 ? 's' : ''}: the measured window`,
    '',
    `Main thread (the event loop), ${p.window.totalMs} ms sampled (\`${p.file}\`, from \`--cpu-prof\`).`,
    ...table('area', p.window.areas),
    ...table('function (self time)', p.window.functions),
  ];
  if (p.stalls)
    out.push(
      '',
      `During the event loop's longest stalls (${p.stalls.totalMs} ms sampled):`,
      ...table('area', p.stalls.areas),
      ...table('function (self time)', p.stalls.functions),
    );
  if (p.otherThreads.length)
    out.push(
      '',
      'Other threads, busy time in the window: ' +
        p.otherThreads
          .map((t: any) => `thread ${t.thread} ${t.busyMs} ms (${t.areas.map((a: any) => `${a.name} ${a.ms}`).join(', ')})`)
          .join('; ') +
        '.',
    );
  return out;
}

/** Median time of resampling 3 s of eSpeak's 22.05 kHz speech to the output rate in one call, as the port does. */
async function resampleCost(outputRate: number): Promise<number> {
  const { createPcm16Resampler } = await import('../src/core/ai/pcm.js');
  const pcm = Buffer.alloc(22050 * 2 * 3);
  for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(Math.sin(i / 7) * 8000 + Math.sin(i / 53) * 3000), i * 2);
  const times: number[] = [];
  for (let k = 0; k < 9; k++) {
    const t = performance.now();
    createPcm16Resampler(22050, outputRate).push(pcm);
    times.push(performance.now() - t);
  }
  return round(percentile(times, 50), 1);
}

/** What this run's server profile says about where the event loop's time went (with --profile). */
function profileEvidence(p: any): string {
  if (!p) return '';
  const w = p.window;
  const idle = w.areas.find((a: { name: string }) => a.name === '(idle)')?.ms ?? 0;
  const busy = Math.max(1, w.totalMs - idle);
  const sum = (rows: { name: string; ms: number }[], match: (name: string) => boolean) =>
    rows.filter((r) => match(r.name)).reduce((n, r) => n + r.ms, 0);
  const share = (ms: number) => `${ms} ms, ${round((100 * ms) / busy, 0)} %`;
  const resampling = sum(w.files, (f) => f === 'src/core/ai/pcm.ts');
  const recognizer = sum(w.files, (f) => f.endsWith('offline/own-speech.ts'));
  const database = sum(w.areas, (a) => /PGlite|wasm:|drizzle|npm: pg/.test(a));
  const sockets = sum(w.areas, (a) => a === 'npm: ws') + sum(w.functions, (f) => f === 'writev' || f === 'writeBuffer');
  const voice = sum(w.areas, (a) => a === 'src/core/voice');
  const top = p.stalls?.functions.find((f: { name: string }) => f.name !== '(idle)');
  const worker = Math.max(0, ...p.otherThreads.map((t: { busyMs: number }) => t.busyMs));
  return (
    `This run's CPU profile of the server's main thread (${p.scenario} session${p.scenario > 1 ? 's' : ''}) has the event loop busy ${round((100 * busy) / w.totalMs, 0)} % of the measured window; of that busy time: ` +
    `resampling PCM (src/core/ai/pcm.ts) ${share(resampling)}, the offline recognizer of its own speech ${share(recognizer)}, the database (its queries and the job queue's polling) ${share(database)}, ` +
    `socket writes and WebSocket framing ${share(sockets)}, src/core/voice itself ${share(voice)}` +
    (top ? `; in the longest stalls the top function was \`${top.name}\` (${top.percent} % of them)` : '') +
    `. The speech worker thread was busy ${worker} ms beside it.`
  );
}

/**
 * Why a voice target is missed: this run's evidence, then what the code does that causes it and what should change
 * (read from the code and the profiles of these runs; see the issue's report).
 */
type Finding = 'latency' | 'jitter' | 'underruns';

function findings(profile: any, resampleMs: number, s: Summary): Partial<Record<Finding, string>> {
  const sessions = s.sessions;
  const b = s.talkbaseByStage;
  const stages =
    `Talkbase's time by stage (p50 / p95 ms): end of turn to the transcript event ${b.transcript.p50} / ${b.transcript.p95}, ` +
    `storing the user's turn and building the prompt ${b.storeTurnAndPrompt.p50} / ${b.storeTurnAndPrompt.p95}, the first ` +
    `sentence to its first frame sent (less the engine's speech time: the audio waits for the loop, then for the pacer's ` +
    `timer) ${b.speechToFirstFrame.p50} / ${b.speechToFirstFrame.p95}.`;
  const evidence = profileEvidence(profile);
  const idleInStalls = profile?.stalls?.areas.find((a: { name: string }) => a.name === '(idle)')?.percent ?? null;
  const waiting =
    idleInStalls === null
      ? ''
      : `${idleInStalls} % of the samples inside the event loop's longest stalls are idle: the process was waiting for a CPU on this shared machine, not working.`;
  const resample =
    'each synthesized sentence is resampled to the output rate in one synchronous call (`runSpeech` in ' +
    `src/core/ai/audio-streams.ts pushes the whole sentence through the resampler: ${resampleMs} ms for 3 s of speech on ` +
    'this machine in this run) and fingerprinted for the recognizer';
  const loop =
    sessions > 1
      ? `Every session runs on the one main thread: ${sessions} microphones (${sessions * 50} WebSocket messages a second), voice ` +
        `activity, the offline recognizer matching each frame; ${resample}; the database (PGlite runs its queries on this ` +
        'thread too); and the pacer that sends every session’s frames. One synchronous block delays every session’s next ' +
        'frame and turn.'
      : s.server.stalls.count > 5
        ? 'With one session the event loop is idle most of the time; the turns at the tail met one of its stalls (the ' +
          `longest are in the profile below: ${resample}, and PGlite's queries) or a process waiting for a CPU.`
        : `With one session the event loop was held for 50 ms or more only ${s.server.stalls.count} time${s.server.stalls.count === 1 ? '' : 's'}: ` +
          'the time is steady work on the path of every turn, most of it storing the user’s turn (a transaction on PGlite, ' +
          'on the event loop) before the reply may be spoken.';
  const storeFirst =
    'In src/core/voice, the reply’s first sentence could be synthesized while the user’s turn is being stored (the model ' +
    'already starts meanwhile), holding only its first frame until the turn is committed, so storing the turn stops adding ' +
    'to the wait.';
  const change =
    'What should change: resample in the speech worker, or in slices of a frame or two with the event loop let in between ' +
    '(src/core/ai); in src/core/voice, send the first 100–200 ms of each reply at once and keep that lead (clients play ' +
    'behind a jitter buffer, and barge-in already drops what they hold), so a stall shorter than the lead never reaches ' +
    'the listener; send the first frame of an idle track from `enqueue` instead of a zero-delay timer; record `pacing` per ' +
    'turn (lateness p99 and frames later than 60 ms, not the largest of the session’s last 500 frames); and judge ' +
    '`voice.too_fast` by the audio received against the time since the connection started, so frames bunched by a server ' +
    'stall are never refused.';
  const join = (...parts: string[]) => parts.filter(Boolean).join(' ');
  return {
    latency: join(evidence, waiting, loop, stages, sessions > 1 ? change : `${storeFirst} ${change}`),
    jitter: join(
      evidence,
      waiting,
      loop,
      'The pacer keeps each track’s schedule, but when the loop is held the frames due meanwhile go out together afterwards: the callers see one long gap, then a burst.',
      change,
    ),
    underruns: join(
      evidence,
      'The server counts an underrun when a track’s queue ran dry while more of the reply was still to come (the next sentence not synthesized in time: one eSpeak worker serves every session); the callers’ gaps over 60 ms also include frames held back by a stalled event loop, which the server does not count.',
      waiting,
      loop,
      change,
    ),
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      sessions: { type: 'string', default: '1,50' },
      turns: { type: 'string', default: '20,4' },
      'stagger-seconds': { type: 'string', default: '5' },
      database: { type: 'string', default: 'pglite' },
      'output-rate': { type: 'string', default: '24000' },
      recognizer: { type: 'string', default: 'own-speech' },
      name: { type: 'string', default: 'voice' },
      profile: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
    },
  });
  if (args['report-only']) return rewriteReport(args.name!);
  const sessions = args.sessions!.split(',').map(Number);
  const turnCounts = args.turns!.split(',').map(Number);
  const staggerSeconds = Number(args['stagger-seconds']);
  const outputRate = Number(args['output-rate']);
  const database = args.database as 'pglite' | 'postgres';
  if (sessions.some((n) => !(n >= 1 && n <= 100)) || turnCounts.some((n) => !(n >= 1 && n <= 20)))
    throw new Error('--sessions 1..100 and --turns 1..20 each (comma-separated, one per scenario)');
  if (![16000, 24000].includes(outputRate)) throw new Error('--output-rate is 16000 or 24000');
  const recognizer = args.recognizer!;
  if (!['own-speech', 'pocketsphinx', 'auto'].includes(recognizer)) throw new Error('--recognizer is own-speech, pocketsphinx or auto');
  const loadAtStart = os.loadavg()[0]!;
  const date = new Date().toISOString();
  const scenarios: Summary[] = [];
  const profiles: any[] = [];
  for (const [k, n] of sessions.entries()) {
    const profileDir = args.profile ? path.join(RESULTS_DIR, 'tmp', 'voice-prof', `${n}-sessions`) : null;
    if (profileDir) fs.rmSync(profileDir, { recursive: true, force: true });
    // A fresh server and database per scenario, so one scenario's leftovers do not weigh on the next.
    const db = await prepareServerDatabase(database);
    const server = await startVoiceServer({ ...db.env, AI_OFFLINE_RECOGNIZER: recognizer }, profileDir);
    try {
      const speech = new Map<string, Buffer>();
      for (const s of SENTENCES) speech.set(s, await server.speak(s));
      const summary = await runScenario(server, speech, {
        sessions: n,
        turns: turnCounts[k] ?? turnCounts.at(-1)!,
        staggerSeconds,
        outputRate,
      });
      scenarios.push(summary);
      console.log(JSON.stringify({ sessions: n, talkbaseMs: summary.talkbaseMs, pacing: summary.pacing, turns: summary.turns }, null, 1));
    } catch (err) {
      console.error(`voice: the ${n}-session scenario failed: ${(err as Error).message}\n${server.log().slice(-3000)}`);
      throw err;
    } finally {
      await server.stop();
      await db.cleanup();
    }
    const measured = scenarios.at(-1)?.sessions === n ? scenarios.at(-1)!.server : null;
    const profile = profileDir && measured ? profileSummaries(profileDir, measured) : null;
    if (profile) profiles.push({ scenario: n, ...profile });
  }
  const resampleMs = await resampleCost(outputRate);
  const result = {
    benchmark: 'voice',
    resampleMs,
    date,
    args: process.argv.slice(2).join(' '),
    database,
    recognizer,
    machine: machineInfo(loadAtStart),
    scenarios,
    targets: voiceTargets(scenarios, (s) => findings(profiles.find((p) => p.scenario === s.sessions) ?? null, resampleMs, s)),
    profiles,
    notes: args.profile
      ? ['The server ran under the V8 CPU profiler (`--cpu-prof`, a sample every millisecond), which costs a few per cent of its CPU.']
      : [],
  };
  writeResult(args.name!, result);
}

function writeResult(name: string, result: any) {
  fs.mkdirSync(path.dirname(path.join(RESULTS_DIR, name)), { recursive: true });
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(result, null, 2) + '\n');
  const md = markdown(result);
  fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), md);
  console.log(md);
}

/** `--report-only`: the targets and voice.md written again from the measurements already in voice.json. */
async function rewriteReport(name: string) {
  const result = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, `${name}.json`), 'utf8'));
  const resampleMs = result.resampleMs ?? (await resampleCost(result.scenarios[0]?.outputSampleRate ?? 24000));
  const profiles = result.profiles ?? [];
  result.resampleMs = resampleMs;
  result.targets = voiceTargets(result.scenarios, (s) =>
    findings(profiles.find((p: any) => p.scenario === s.sessions) ?? null, resampleMs, s),
  );
  writeResult(name, result);
}

function sleep(ms: number) {
  return new Promise<void>((r) => setTimeout(r, ms));
}

// Last, once every class and constant above is defined: the server process, or the run.
if (process.argv.includes('--serve')) await serve();
else if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
