// A spoken call, as a calls app with a microphone would hold it: a persona with a trained voice, an ACTIVE call, then
// the live voice socket (/v1/voice): speech streamed in as 20 ms frames of 16 kHz PCM16 at real time, partial and
// final captions, the persona's reply streamed back as audio (written to a WAV file), and each turn's latency stages.
// Two turns, then the stored transcript is read back. Any error event, timeout or missing audio exits non-zero.
//
//   npx tsx examples/voice.ts                      speech made by the server's offline speech (POST /v1/ai/speech)
//   npx tsx examples/voice.ts first.wav [second.wav]  your own recordings (PCM16 WAV, any rate, mono or stereo)
//
// TALKBASE_URL selects the server (default http://localhost:8080).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { connectVoiceSocket, FRAME_BYTES, FRAME_MS, INPUT_SAMPLE_RATE as RATE, VoiceError, type VoiceSocket } from '@talkbase/client/voice';
import { BASE_URL, Client, StepError, check, step } from './client.js';

const OUTPUT_RATE = 24000;
const SENTENCES = ['Hello grandma, how are you today?', 'I planted tomatoes this year, just like you did.'];

// ---- WAV in and out ----

/** The samples of a PCM16 WAV, mixed down to mono, and its sample rate. */
function decodeWav(wav: Buffer): { samples: Int16Array; rate: number } {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new StepError('not a WAV file');
  let fmt: { format: number; channels: number; rate: number; bits: number } | null = null;
  for (let at = 12; at + 8 <= wav.length;) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ')
      fmt = {
        format: wav.readUInt16LE(body),
        channels: wav.readUInt16LE(body + 2),
        rate: wav.readUInt32LE(body + 4),
        bits: wav.readUInt16LE(body + 14),
      };
    if (id === 'data') {
      if (!fmt || (fmt.format !== 1 && fmt.format !== 0xfffe) || fmt.bits !== 16) throw new StepError('the WAV must hold 16-bit PCM');
      // A streamed WAV may leave the data size unset (0 or 0xFFFFFFFF): read to the end.
      const end = size === 0 || size === 0xffffffff ? wav.length : Math.min(wav.length, body + size);
      const frames = Math.floor((end - body) / (2 * fmt.channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < fmt.channels; c++) sum += wav.readInt16LE(body + (i * fmt.channels + c) * 2);
        samples[i] = Math.round(sum / fmt.channels);
      }
      return { samples, rate: fmt.rate };
    }
    at = body + size + (size & 1);
  }
  throw new StepError('the WAV has no data chunk');
}

/** Resamples with a Hann-windowed sinc (a low-pass at the lower rate's Nyquist frequency, so downsampling does not alias). */
function resample(input: Int16Array, from: number, to: number): Int16Array {
  if (from === to) return input;
  const ratio = from / to;
  const cutoff = Math.min(1, to / from);
  const half = Math.ceil(16 / cutoff);
  const out = new Int16Array(Math.floor(input.length / ratio));
  for (let j = 0; j < out.length; j++) {
    const t = j * ratio;
    const centre = Math.floor(t);
    let acc = 0;
    for (let k = centre - half + 1; k <= centre + half; k++) {
      if (k < 0 || k >= input.length) continue;
      const x = t - k;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / half);
      acc += input[k]! * cutoff * sinc * window;
    }
    out[j] = Math.max(-32768, Math.min(32767, Math.round(acc)));
  }
  return out;
}

function toPcm16kMono(wav: Buffer): Buffer {
  const { samples, rate } = decodeWav(wav);
  const mono16k = resample(samples, rate, RATE);
  return Buffer.from(mono16k.buffer, mono16k.byteOffset, mono16k.byteLength);
}

function wavFile(pcm: Buffer, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

// ---- the voice socket ----

type VoiceEvent = Record<string, any> & { type: string };

/** The live voice connection (@talkbase/client's voice socket): events in order, the reply's audio per turn, a microphone. */
class VoiceCall {
  readonly events: VoiceEvent[] = [];
  readonly audio = new Map<string, Buffer[]>();
  private audioTurn: string | null = null;
  private waiters = new Set<() => void>();
  private failure: StepError | null = null;
  private mic: { pcm: Buffer; at: number; done: () => void } | null = null;
  private micTimer: NodeJS.Timeout | null = null;
  private socket: VoiceSocket | null = null;

  static async open(token: string, callId: string): Promise<VoiceCall> {
    const call = new VoiceCall();
    call.socket = await whileShed(() =>
      connectVoiceSocket({
        baseUrl: BASE_URL,
        getToken: () => token, // sent in the start message, not the URL, so it stays out of access logs
        WebSocket,
        product: 'calls',
        id: callId,
        outputSampleRate: OUTPUT_RATE,
        onEvent: (e) => call.received(e),
        onAudio: (frame) => {
          if (call.audioTurn) call.audio.get(call.audioTurn)!.push(Buffer.from(frame));
        },
      }),
    );
    void call.socket.closed.then((reason) => call.fail(`the voice socket closed (${reason})`));
    return call;
  }

  private received(m: VoiceEvent) {
    this.events.push(m);
    if (m.type === 'audio.start') this.audio.set((this.audioTurn = m.turnId as string), []);
    if (m.type === 'audio.end' || m.type === 'interrupted') this.audioTurn = null;
    if (m.type === 'transcript.partial') console.log(`    … ${m.text}`);
    if (m.type === 'error') this.fail(`error event ${m.code}: ${m.message}`);
    if (m.type === 'end') this.fail(`the server ended the connection: ${m.reason}`);
    for (const w of [...this.waiters]) w();
  }

  private fail(message: string) {
    if (this.failure) return;
    this.failure = new StepError(message);
    for (const w of [...this.waiters]) w();
  }

  /** The first event from `from` on that matches, within `ms`; rejects at once on an error event. */
  next(match: (m: VoiceEvent) => boolean, ms: number, what: string, from = 0): Promise<VoiceEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.slice(from).find(match);
        if (found) return finish(() => resolve(found));
        if (this.failure) return finish(() => reject(this.failure));
      };
      const timer = setTimeout(() => finish(() => reject(new StepError(`no ${what} within ${ms} ms`))), ms);
      const finish = (then: () => void) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        then();
      };
      this.waiters.add(check);
      check();
    });
  }

  /** A microphone: one 20 ms frame every 20 ms on a drift-free schedule, silence unless speech is queued. */
  startMicrophone() {
    const started = performance.now();
    const silence = Buffer.alloc(FRAME_BYTES);
    let sent = 0;
    const tick = () => {
      if (this.failure) return;
      let frame = silence;
      const m = this.mic;
      if (m) {
        frame = Buffer.alloc(FRAME_BYTES);
        m.pcm.copy(frame, 0, m.at, Math.min(m.at + FRAME_BYTES, m.pcm.length));
        m.at += FRAME_BYTES;
        if (m.at >= m.pcm.length) {
          this.mic = null;
          m.done();
        }
      }
      this.socket!.sendFrame(frame);
      sent++;
      this.micTimer = setTimeout(tick, Math.max(0, started + sent * FRAME_MS - performance.now()));
    };
    tick();
  }

  /** Speaks `pcm` into the microphone; resolves when its last frame is sent. */
  say(pcm: Buffer): Promise<void> {
    return new Promise((done) => (this.mic = { pcm, at: 0, done }));
  }

  close() {
    if (this.micTimer) clearTimeout(this.micTimer);
    this.failure ??= new StepError('closed');
    this.socket?.close();
  }
}

/**
 * Asks again, up to five times, when a busy server refused before doing anything (503 overloaded), as client.ts does.
 * A voice socket the server refused at the upgrade closes before it starts, without a word from the server.
 */
async function whileShed<T>(attempt: () => Promise<T | 'shed'>): Promise<T> {
  for (let n = 1; ; n++) {
    const result = await attempt().catch((err: unknown) => {
      if (err instanceof VoiceError && err.code === 'closed') return 'shed' as const;
      throw err instanceof VoiceError ? new StepError(`the voice socket was refused: ${err.code} ${err.message}`) : err;
    });
    if (result !== 'shed') return result;
    if (n >= 5) throw new StepError('the server was too busy (503 overloaded) five times in a row');
    await new Promise((r) => setTimeout(r, 2000));
  }
}

// ---- the call ----

const client = new Client();
console.log(`Talkbase live voice example against ${BASE_URL}`);
const wavArgs = process.argv.slice(2).filter((a) => !a.startsWith('-'));

await step('server is ready', () => client.api.get('/ready'));
await step('sign up', () => client.signUp('voice-caller'));

const persona = await step('add Grandma, upload a voice recording, record consent and train her voice', async () => {
  const p = await client.api.post('/v1/calls/personas', {
    body: {
      name: 'Grandma Rose',
      phoneNumber: '+82 10-2468-1357',
      relationship: 'grandmother',
      memo: 'She grew tomatoes every summer, called me "sweetheart" and always asked whether I had eaten.',
    },
  });
  // A second of a 220 Hz tone stands in for a real voicemail; the offline voice engine trains on anything.
  const tone = Buffer.alloc(RATE * 2);
  for (let i = 0; i < RATE; i++) tone.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 220 * i) / RATE) * 8000), i * 2);
  await client.upload(`/v1/calls/personas/${p.id}/voice-files`, wavFile(tone, RATE), 'audio/wav');
  await client.api.put('/v1/calls/personas/{id}/consent', {
    params: { path: { id: p.id } },
    body: { voiceOwner: 'Rose Kim', statement: 'I am her grandchild; our family agreed to keep her voice.' },
  });
  await client.api.post('/v1/calls/personas/{id}/training', { params: { path: { id: p.id } } });
  const until = Date.now() + 120_000;
  for (;;) {
    const s = await client.api.get('/v1/calls/personas/{id}/training', { params: { path: { id: p.id } } });
    if (s.learningStatus === 'COMPLETED') return p;
    check(s.learningStatus === 'IN_PROGRESS', `training ended ${s.learningStatus}`);
    if (Date.now() > until) throw new StepError('training did not complete within 120 s');
    await new Promise((r) => setTimeout(r, 500));
  }
});

const call = await step('call Grandma: dial, and she answers (ACTIVE)', async () => {
  const c = await client.api.post('/v1/calls/sessions', { body: { personaId: persona.id } });
  await client.api.post('/v1/calls/sessions/{id}/dial', { params: { path: { id: c.id } } });
  const answered = await client.api.post('/v1/calls/sessions/{id}/answer', { params: { path: { id: c.id } } });
  check(answered.status === 'ACTIVE', `the call is ${answered.status}`);
  return c;
});

const utterances = await step(
  wavArgs.length
    ? `read ${wavArgs.join(' and ')} as 16 kHz mono PCM16`
    : "make the caller's two sentences with the server's offline speech",
  async () => {
    if (wavArgs.length) {
      const clips = wavArgs.slice(0, 2).map((file) => ({ text: path.basename(file), pcm: toPcm16kMono(fs.readFileSync(file)) }));
      return clips.length === 1 ? [clips[0]!, clips[0]!] : clips;
    }
    return Promise.all(
      SENTENCES.map(async (text) => {
        const res = await whileShed(async () => {
          const r = await fetch(`${BASE_URL}/v1/ai/speech`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'audio/wav', authorization: `Bearer ${client.accessToken}` },
            body: JSON.stringify({ text, format: 'wav' }),
          });
          if (r.status !== 503 || !(r.headers.get('content-type') ?? '').includes('json')) return r;
          const problem = (await r.clone().json()) as { type?: string };
          return problem.type?.endsWith(':overloaded') ? 'shed' : r;
        });
        if (!res.ok) {
          const body = await res.text();
          throw new StepError(
            `POST /v1/ai/speech answered ${res.status}: ${body}${res.status === 404 ? ' (pass a WAV file instead)' : ''}`,
          );
        }
        return { text, pcm: toPcm16kMono(Buffer.from(await res.arrayBuffer())) };
      }),
    );
  },
);

const voice = await step('open the live voice socket (/v1/voice) for the call', async () => {
  const v = await VoiceCall.open(client.accessToken, call.id);
  const started = await v.next((m) => m.type === 'started', 10_000, '"started"');
  console.log(`  engines: transcribe ${started.engines.transcribe}, chat ${started.engines.chat}, speak ${started.engines.speak}`);
  v.startMicrophone();
  return v;
});

const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'talkbase-voice-'));
for (const [i, u] of utterances.entries()) {
  await step(`turn ${i + 1}: say "${u.text}" (${((u.pcm.length / 2 / RATE) * 1000).toFixed(0)} ms of speech, in real time)`, async () => {
    const from = voice.events.length;
    await Promise.race([
      voice.say(u.pcm),
      new Promise((_, reject) => setTimeout(() => reject(new StepError('the microphone stalled')), 60_000)),
    ]);
    const final = await voice.next((m) => m.type === 'transcript.final', 30_000, 'final transcript', from);
    if (!voice.events.slice(from).some((m) => m.type === 'transcript.partial'))
      console.log('    (no partial captions: this recognizer reads the utterance once it ends)');
    console.log(`  you said: "${final.text}"`);
    check(final.text, 'nothing was recognized in the speech');
    const turnId = final.turnId as string;
    const done = await voice.next((m) => m.type === 'reply.done' && m.turnId === turnId, 30_000, 'reply', from);
    console.log(`  Grandma: ${done.text}`);
    await voice.next((m) => m.type === 'audio.end' && m.turnId === turnId, 120_000, 'end of the reply audio', from);
    const metrics = await voice.next((m) => m.type === 'metrics' && m.turnId === turnId, 30_000, 'metrics', from);
    const frames = voice.audio.get(turnId) ?? [];
    check(frames.length > 0, 'the reply had no audio');
    const pcm = Buffer.concat(frames);
    const file = path.join(outDir, `reply-${i + 1}.wav`);
    fs.writeFileSync(file, wavFile(pcm, OUTPUT_RATE));
    console.log(`  reply audio: ${frames.length} frames, ${(pcm.length / 2 / OUTPUT_RATE).toFixed(2)} s → ${file}`);
    const l = metrics.latency;
    const p = l.provider;
    console.log(
      `  stages: end of speech → transcript ${l.transcriptMs} ms → first reply token ${l.firstTokenMs} ms → first audio frame ${l.firstAudioMs} ms` +
        ` (total ${l.totalMs} ms)`,
    );
    console.log(
      `  engines: transcribe ${p.transcribeMs} ms, model first token ${p.modelFirstTokenMs} ms, first sentence ${p.firstSentenceMs} ms, ` +
        `speech first audio ${p.speakFirstAudioMs} ms; Talkbase added ${l.talkbaseMs} ms` +
        (l.pacing ? `; pacing: ${l.pacing.framesSent} frames sent, ${l.pacing.underruns} underruns` : ''),
    );
    check(!metrics.interrupted, 'the reply was stored as interrupted');
    await new Promise((r) => setTimeout(r, 500)); // a moment of silence before answering
  });
}

await step('end the voice connection and hang up', async () => {
  voice.close();
  const ended = await client.api.post('/v1/calls/sessions/{id}/hangup', { params: { path: { id: call.id } } });
  check(ended.status === 'ENDED', `the call is ${ended.status}`);
});
await step('read the stored transcript: two spoken turns and two replies with their stages', async () => {
  const turns = await client.api.get('/v1/calls/sessions/{id}/turns', { params: { path: { id: call.id } } });
  check(turns.length === 4, `the transcript has ${turns.length} turns`);
  for (const t of turns)
    console.log(`  ${t.speaker}: ${t.text}${t.stages?.totalMs != null ? ` (${t.stages.totalMs} ms to first audio)` : ''}`);
  check(
    turns.filter((t) => t.speaker === 'persona').every((t) => t.stages && !t.interrupted),
    'a reply was stored without its stages',
  );
});
console.log('voice example finished');
process.exit(0);
