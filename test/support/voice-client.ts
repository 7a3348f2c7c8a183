import WebSocket from 'ws';
import type { AiEngine } from '../../src/core/ai/engine.js';
import { resamplePcm16, wavToPcm16 } from '../../src/core/ai/pcm.js';
import { frameDb } from '../../src/core/voice/vad.js';

export type VoiceEvent = Record<string, any> & { type: string };

/** 20 ms of PCM16 LE mono at 16 kHz. */
export const FRAME_BYTES = 640;

/** Speech made by the server's offline speech, as 16 kHz PCM16 (what a microphone would send). */
export async function speechPcm(ai: AiEngine, text: string): Promise<Buffer> {
  const spoken = await ai.speak(text, { format: 'wav' });
  const wav = wavToPcm16(spoken.audio);
  if (!wav) throw new Error('offline speech gave no WAV');
  return resamplePcm16(wav.pcm, wav.sampleRate, 16000);
}

export const silence = (ms: number) => Buffer.alloc(Math.round((ms / 20) * FRAME_BYTES));

/** A real voice-socket client: keeps every event and audio frame with its arrival time, streams PCM at real time. */
export class VoiceClient {
  readonly events: { at: number; msg: VoiceEvent }[] = [];
  readonly frames: { at: number; bytes: number; turnId: string | null }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** performance.now() of the first voiced frame of each utterance sent. */
  readonly speechSentAt: number[] = [];
  private listeners = new Set<() => void>();
  private audioTurn: string | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer, isBinary) => {
      const at = performance.now();
      if (isBinary) this.frames.push({ at, bytes: raw.length, turnId: this.audioTurn });
      else {
        const msg = JSON.parse(raw.toString()) as VoiceEvent;
        if (msg.type === 'audio.start') this.audioTurn = msg.turnId as string;
        if (msg.type === 'interrupted' || msg.type === 'audio.end') this.audioTurn = null;
        this.events.push({ at, msg });
      }
      for (const l of this.listeners) l();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(baseUrl: string): Promise<VoiceClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/voice`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new VoiceClient(ws);
  }

  /** Opens and starts a conversation; resolves with `started` (or throws with the error event). */
  static async start(baseUrl: string, token: string, product: string, id: string, extra: Record<string, unknown> = {}) {
    const c = await VoiceClient.open(baseUrl);
    c.send({
      type: 'start',
      token,
      product,
      id,
      audio: { encoding: 'pcm16', inputSampleRate: 16000, outputSampleRate: 24000, frameMs: 20 },
      ...extra,
    });
    const reply = await c.next((m) => m.type === 'started' || m.type === 'error');
    if (reply.type !== 'started') throw new Error(`start refused: ${JSON.stringify(reply)}`);
    // The protocol's promise: nothing of the conversation (an interview's opening question) comes before `started`.
    if (c.events[0]?.msg !== reply) throw new Error(`started was not the first event: ${JSON.stringify(c.messages().map((m) => m.type))}`);
    return c;
  }

  send(message: Record<string, unknown>) {
    this.ws.send(JSON.stringify(message));
  }

  sendBinary(data: Buffer) {
    this.ws.send(data, { binary: true });
  }

  /** Streams PCM as 20 ms frames on a real-time schedule (drift-free), optionally `speed` times faster. */
  async stream(pcm: Buffer, speed = 1): Promise<void> {
    const started = performance.now();
    let voiced = false;
    for (let i = 0, n = 0; i < pcm.length; i += FRAME_BYTES, n++) {
      const frame = Buffer.alloc(FRAME_BYTES);
      pcm.copy(frame, 0, i, Math.min(i + FRAME_BYTES, pcm.length));
      const due = started + (n * 20) / speed;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      if (this.ws.readyState !== WebSocket.OPEN) return;
      if (!voiced && frameDb(frame) > -45) {
        voiced = true;
        this.speechSentAt.push(performance.now());
      }
      this.sendBinary(frame);
    }
  }

  messages(type?: string): VoiceEvent[] {
    return this.events.filter((e) => !type || e.msg.type === type).map((e) => e.msg);
  }

  /** The first event (from `from` on) matching `match`, waiting up to `timeoutMs`. */
  async next(match: (m: VoiceEvent) => boolean, timeoutMs = 20_000, from = 0): Promise<VoiceEvent> {
    return (await this.nextTimed(match, timeoutMs, from)).msg;
  }

  async nextTimed(match: (m: VoiceEvent) => boolean, timeoutMs = 20_000, from = 0): Promise<{ at: number; msg: VoiceEvent }> {
    const find = () => this.events.slice(from).find((e) => match(e.msg));
    const found = find();
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(
          new Error(
            `no matching voice event within ${timeoutMs} ms; got ${JSON.stringify(this.messages().map((m) => m.type))}; errors ${JSON.stringify(this.messages('error'))}`,
          ),
        );
      }, timeoutMs);
      const check = () => {
        const e = find();
        if (!e) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(e);
      };
      this.listeners.add(check);
    });
  }

  close() {
    this.ws.close();
  }
}
