import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { pcm16ToMulaw, resamplePcm16 } from '../../src/core/ai/pcm.js';
import { frameDb } from '../../src/core/voice/vad.js';

/** 20 ms of G.711 μ-law at 8 kHz: what Twilio sends in each media message. */
export const MULAW_FRAME_BYTES = 160;

export type TwilioMessage = Record<string, any> & { event: string };

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;

/**
 * A scripted Twilio Media Streams peer over a real WebSocket: it sends connected, start (with custom parameters),
 * media at real time and stop the way Twilio does, echoes each mark back as Twilio does once the audio before it has
 * played, and keeps every message it receives with its arrival time.
 */
export class TwilioStreamClient {
  readonly received: { at: number; msg: TwilioMessage }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly streamSid = sid('MZ');
  readonly callSid = sid('CA');
  readonly accountSid = sid('AC');
  /** performance.now() of the first voiced message of each stream() call. */
  readonly speechSentAt: number[] = [];
  private sequence = 0;
  private chunk = 0;
  private readonly startedAt = performance.now();
  private listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer) => {
      const msg = JSON.parse(raw.toString()) as TwilioMessage;
      this.received.push({ at: performance.now(), msg });
      if (msg.event === 'mark') this.send({ event: 'mark', streamSid: this.streamSid, mark: { name: msg.mark.name } });
      for (const l of this.listeners) l();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Connects and sends `connected` then `start` carrying `customParameters`. */
  static async connect(baseUrl: string, customParameters: Record<string, string>): Promise<TwilioStreamClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/voice/twilio`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const c = new TwilioStreamClient(ws);
    c.send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
    c.send({
      event: 'start',
      sequenceNumber: c.nextSequence(),
      start: {
        accountSid: c.accountSid,
        streamSid: c.streamSid,
        callSid: c.callSid,
        tracks: ['inbound'],
        customParameters,
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
      streamSid: c.streamSid,
    });
    return c;
  }

  send(message: Record<string, unknown>) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /**
   * Streams 16 kHz PCM16 as Twilio would carry it: 8 kHz μ-law, one 20 ms media message every 20 ms. `sizes` gives
   * other payload sizes in bytes (used in turn, each sent when its audio is due) to show the server does not rely on 160.
   */
  async stream(pcm16k: Buffer, sizes: number[] = [MULAW_FRAME_BYTES]): Promise<void> {
    const mulaw = pcm16ToMulaw(resamplePcm16(pcm16k, 16000, 8000));
    let started = performance.now();
    let voiced = false;
    for (let i = 0, n = 0; i < mulaw.length; i += sizes[n % sizes.length]!, n++) {
      const size = sizes[n % sizes.length]!;
      const payload = Buffer.alloc(size, 0xff); // μ-law silence
      mulaw.copy(payload, 0, i, Math.min(i + size, mulaw.length));
      const wait = started + i / 8 - performance.now(); // 8 bytes of μ-law a millisecond
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      // A stalled test process must not catch up in a burst the server would rightly refuse as faster than real time.
      else if (wait < -100) started -= wait;
      if (this.ws.readyState !== WebSocket.OPEN) return;
      if (!voiced && frameDb(pcm16k.subarray(i * 4, (i + size) * 4)) > -45) {
        voiced = true;
        this.speechSentAt.push(performance.now());
      }
      this.send({
        event: 'media',
        sequenceNumber: this.nextSequence(),
        media: {
          track: 'inbound',
          chunk: String(++this.chunk),
          timestamp: String(Math.round(performance.now() - this.startedAt)),
          payload: payload.toString('base64'),
        },
        streamSid: this.streamSid,
      });
    }
  }

  stop() {
    this.send({
      event: 'stop',
      sequenceNumber: this.nextSequence(),
      stop: { accountSid: this.accountSid, callSid: this.callSid },
      streamSid: this.streamSid,
    });
  }

  messages(event?: string): TwilioMessage[] {
    return this.received.filter((r) => !event || r.msg.event === event).map((r) => r.msg);
  }

  /** The first message (from index `from` on) matching `match`, waiting up to `timeoutMs`. */
  async next(
    match: (m: TwilioMessage) => boolean,
    timeoutMs = 20_000,
    from = 0,
  ): Promise<{ at: number; msg: TwilioMessage; index: number }> {
    const find = () => {
      const index = this.received.findIndex((r, i) => i >= from && match(r.msg));
      return index < 0 ? null : { ...this.received[index]!, index };
    };
    const found = find();
    if (found) return found;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const seen = [...new Set(this.messages().map((m) => m.event))];
        reject(new Error(`no matching Media Streams message within ${timeoutMs} ms; got ${JSON.stringify(seen)}`));
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

  private nextSequence() {
    return String(++this.sequence);
  }
}
