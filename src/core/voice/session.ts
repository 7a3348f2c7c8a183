import type { FastifyBaseLogger } from 'fastify';
import type { AiEngine, PcmSampleRate, TranscriptionStream } from '../ai/engine.js';
import { uuidv7 } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import type { SpokenReply, TurnLatency, VoiceConversation } from './conversation.js';
import type { AudioTrack, FramePacer } from './pacer.js';
import { createSentenceSplitter } from './sentences.js';
import { createEnergyVad, type Vad, type VadOptions } from './vad.js';

/** Where a session's events and audio go: the voice WebSocket, or a telephone stream. */
export interface VoiceSink {
  event(message: Record<string, unknown>): void;
  audio(frame: Buffer): void;
  /** Tells the far end to drop audio it has buffered (barge-in on a telephone stream). */
  clear?(): void;
}

export interface VoiceSessionOptions {
  ai: AiEngine;
  log: Pick<FastifyBaseLogger, 'warn' | 'error'>;
  userId: string;
  conversation: VoiceConversation;
  pacer: FramePacer;
  sink: VoiceSink;
  /** Rate of the PCM16 frames pushed in (the pipeline runs at 16 kHz). */
  inputRate: 16000;
  outputRate: PcmSampleRate;
  frameMs: number;
  vad?: Partial<VadOptions>;
  /** Whether user speech during a reply interrupts it (default true). */
  bargeIn?: boolean;
  /** Told when the conversation refuses further turns (an ended call): the transport closes. */
  onFatal?(error: AppError): void;
  /** Every finished or interrupted turn's latency, for metrics. */
  onTurn?(latency: TurnLatency, interrupted: boolean): void;
}

interface Utterance {
  turnId: string;
  stt: TranscriptionStream | null;
  frames: number;
}

interface Segment {
  text: string;
  frames: number;
}

interface ReplyTurn {
  turnId: string;
  abort: AbortController;
  /** performance.now() marks: end of speech, final transcript, first token, first sentence, first frame sent. */
  t0: number;
  t1?: number;
  t2?: number;
  firstSentenceAt?: number;
  t3?: number;
  transcribeMs: number | null;
  modelStartedAt?: number;
  /** When the model's first token arrived, when the product read the stream ahead. */
  firstTokenAt?: () => number | undefined;
  speakFirstAudioMs: number | null;
  segments: Segment[];
  generated: string;
  audioStarted: boolean;
  audioError: string | null;
  /** Set by an interruption: what had been heard. */
  spokenText: string | null;
  /** The track's counters when this reply's audio started, so its pacing is reported apart from earlier turns'. */
  pacingFrom?: { framesSent: number; underruns: number };
  /** Reply events and audio waiting for the user's turn to be stored; null once it is (or when nothing waits). */
  held: (() => void)[] | null;
  drained: Promise<void>;
  resolveDrained: () => void;
}

const PREROLL_FRAMES = 10;

/** One live voice conversation: frames in → VAD → streaming transcription → reply → sentence speech → paced frames out. */
export class VoiceSession {
  private readonly vad: Vad;
  private readonly track: AudioTrack;
  private readonly preroll: Buffer[] = [];
  private utterance: Utterance | null = null;
  private reply: ReplyTurn | null = null;
  private closed = false;
  private readonly outFrameBytes: number;
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly o: VoiceSessionOptions) {
    this.vad = createEnergyVad({ frameMs: o.frameMs, ...o.vad });
    this.outFrameBytes = (o.outputRate * o.frameMs * 2) / 1000;
    this.track = o.pacer.track({
      send: (frame) => {
        const r = this.reply;
        if (r && r.t3 === undefined) r.t3 = performance.now();
        o.sink.audio(frame);
      },
      onDrained: () => this.reply?.resolveDrained(),
    });
  }

  /** Whether a reply is being generated or played. */
  get replying(): boolean {
    return this.reply !== null;
  }

  get pacing() {
    return this.track.stats;
  }

  /** Says the conversation's opening line (the question that opens it) as a reply that is not stored again. */
  speakOpening(text: string): void {
    const turn = this.newTurn(uuidv7(), performance.now());
    this.reply = turn;
    this.runInBackground(async () => {
      const speaker = this.speaker(turn);
      turn.t2 = performance.now();
      turn.generated = text;
      this.o.sink.event({ type: 'reply.delta', turnId: turn.turnId, text });
      speaker.say(text);
      await this.finishSpeaking(turn, speaker);
      if (!turn.abort.signal.aborted) this.o.sink.event({ type: 'reply.done', turnId: turn.turnId, text });
      if (this.reply === turn) this.reply = null;
    });
  }

  /** One frame of PCM16 LE at 16 kHz, of the session's frame length. */
  pushFrame(frame: Buffer): void {
    if (this.closed) return;
    const change = this.vad.push(frame);
    this.preroll.push(frame);
    if (this.preroll.length > PREROLL_FRAMES) this.preroll.shift();
    if (change === 'speech_start') this.speechStarted();
    else if (this.utterance) {
      this.utterance.frames++;
      this.utterance.stt?.write(frame);
    }
    if (change === 'speech_end') this.speechStopped();
  }

  /** Drops audio of the utterance in progress (input that broke the rules, such as too fast). */
  discardUtterance(): void {
    const u = this.utterance;
    if (!u) return;
    this.utterance = null;
    u.stt?.abort();
  }

  /** Ends the session: an utterance in progress is dropped, a reply in progress is stored as interrupted. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.discardUtterance();
    if (this.reply) this.interrupt(this.reply, false);
    this.closed = true;
    await Promise.allSettled([...this.running]);
    this.track.close();
  }

  private speechStarted() {
    const turnId = uuidv7();
    const bargeIn = this.o.bargeIn !== false;
    this.o.sink.event({ type: 'speech.started', turnId });
    if (this.reply) {
      if (!bargeIn) return; // speech during a reply is not listened to
      this.interrupt(this.reply, true);
    }
    const u: Utterance = { turnId, stt: null, frames: 0 };
    try {
      u.stt = this.o.ai.transcribeStream({
        sampleRate: this.o.inputRate,
        userId: this.o.userId,
        promptVersion: this.o.conversation.transcribePromptVersion,
        language: this.o.conversation.language,
        onPartial: (text) => {
          if (this.utterance === u && text) this.o.sink.event({ type: 'transcript.partial', turnId, text });
        },
      });
      for (const f of this.preroll) u.stt.write(f);
    } catch (err) {
      this.sendError(err, turnId);
    }
    this.utterance = u;
  }

  private speechStopped() {
    const u = this.utterance;
    if (!u) return;
    this.utterance = null;
    this.o.sink.event({ type: 'speech.stopped', turnId: u.turnId });
    if (!u.stt) return;
    const turn = this.newTurn(u.turnId, performance.now());
    this.reply = turn;
    const stt = u.stt;
    const speechSeconds = ((u.frames + PREROLL_FRAMES) * this.o.frameMs) / 1000;
    this.runInBackground(() => this.runTurn(turn, stt, speechSeconds));
  }

  private newTurn(turnId: string, t0: number): ReplyTurn {
    let resolveDrained!: () => void;
    const drained = new Promise<void>((r) => (resolveDrained = r));
    return {
      turnId,
      abort: new AbortController(),
      t0,
      transcribeMs: null,
      speakFirstAudioMs: null,
      segments: [],
      generated: '',
      audioStarted: false,
      audioError: null,
      spokenText: null,
      held: null,
      drained,
      resolveDrained,
    };
  }

  private runInBackground(work: () => Promise<void>) {
    const p = work().catch((err) => this.o.log.error({ err }, 'voice turn failed'));
    this.running.add(p);
    void p.finally(() => this.running.delete(p));
  }

  private async runTurn(turn: ReplyTurn, stt: TranscriptionStream, speechSeconds: number) {
    const signal = turn.abort.signal;
    let text: string;
    try {
      const final = await stt.finish();
      turn.transcribeMs = Math.round(final.finishMs);
      text = final.text.trim();
    } catch (err) {
      if (!signal.aborted) this.sendError(err, turn.turnId);
      return this.endTurn(turn);
    }
    if (signal.aborted) return this.endTurn(turn);
    turn.t1 = performance.now();
    this.o.sink.event({ type: 'transcript.final', turnId: turn.turnId, text });
    if (!text) return this.endTurn(turn);

    let stored = false;
    let refused: unknown = null;
    try {
      const reply = await this.o.conversation.respond(text, { signal, sttMs: turn.transcribeMs, turnId: turn.turnId, speechSeconds });
      turn.modelStartedAt = reply.modelStartedAt;
      turn.firstTokenAt = reply.firstTokenAt;
      if (reply.stored) {
        // The reply is written and its first sentence synthesized while the turn is stored; the caller hears it after.
        turn.held = [];
        reply.stored.then(
          () => {
            stored = true;
            const held = turn.held ?? [];
            turn.held = null;
            if (!signal.aborted) for (const release of held) release();
          },
          (err: unknown) => {
            refused = err;
            turn.held = null;
            turn.abort.abort();
          },
        );
      } else stored = true;
      const speaker = this.speaker(turn);
      const splitter = createSentenceSplitter();
      for await (const delta of reply.deltas) {
        if (signal.aborted) break;
        turn.t2 ??= performance.now();
        turn.generated += delta;
        this.whenStored(turn, () => this.o.sink.event({ type: 'reply.delta', turnId: turn.turnId, text: delta }));
        for (const sentence of splitter.push(delta)) speaker.say(sentence);
      }
      const rest = splitter.flush();
      if (rest && !signal.aborted) speaker.say(rest);
      if (reply.stored) await reply.stored.catch(() => undefined);
      if (!signal.aborted) this.o.sink.event({ type: 'reply.done', turnId: turn.turnId, text: turn.generated });
      await this.finishSpeaking(turn, speaker);
    } catch (err) {
      refused ??= signal.aborted ? null : err;
    }
    if (refused) {
      this.sendError(refused, turn.turnId);
      if (!stored && refused instanceof AppError && [403, 404, 409, 410].includes(refused.status)) this.o.onFatal?.(refused);
    }
    if (stored) await this.save(turn);
    this.endTurn(turn);
  }

  /** Runs `release` now, or once the user's turn is stored when the reply was started before that. */
  private whenStored(turn: ReplyTurn, release: () => void) {
    if (turn.held) turn.held.push(release);
    else if (!turn.abort.signal.aborted) release();
  }

  private endTurn(turn: ReplyTurn) {
    if (this.reply === turn) this.reply = null;
  }

  /** Speaks sentences one after another, each streamed into paced frames as it is synthesized. */
  private speaker(turn: ReplyTurn) {
    const queue: string[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    const loop = (async () => {
      for (;;) {
        const sentence = queue.shift();
        if (sentence === undefined) {
          if (ended || turn.abort.signal.aborted) return;
          await new Promise<void>((r) => (wake = r));
          continue;
        }
        if (turn.abort.signal.aborted || turn.audioError) continue;
        await this.speakSentence(turn, sentence);
      }
    })();
    return {
      say(sentence: string) {
        turn.firstSentenceAt ??= performance.now();
        queue.push(sentence);
        wake?.();
        wake = null;
      },
      async done() {
        ended = true;
        wake?.();
        wake = null;
        await loop;
      },
    };
  }

  private async speakSentence(turn: ReplyTurn, sentence: string) {
    const segment: Segment = { text: sentence, frames: 0 };
    turn.segments.push(segment);
    let carry: Buffer = Buffer.alloc(0);
    try {
      const stream = this.o.ai.speakStream(sentence, {
        ...this.o.conversation.speech,
        sampleRate: this.o.outputRate,
        userId: this.o.userId,
        promptVersion: 'voice.reply-speech@1',
        signal: turn.abort.signal,
      });
      for await (const chunk of stream) {
        if (turn.abort.signal.aborted) return;
        carry = carry.length ? Buffer.concat([carry, chunk]) : chunk;
        const whole = carry.length - (carry.length % this.outFrameBytes);
        if (whole === 0) continue;
        const frames: Buffer[] = [];
        for (let i = 0; i < whole; i += this.outFrameBytes) frames.push(carry.subarray(i, i + this.outFrameBytes));
        carry = carry.subarray(whole);
        this.enqueue(turn, segment, frames);
      }
      if (carry.length && !turn.abort.signal.aborted) {
        const last = Buffer.alloc(this.outFrameBytes);
        carry.copy(last);
        this.enqueue(turn, segment, [last]);
      }
      if (turn.speakFirstAudioMs === null) turn.speakFirstAudioMs = Math.round((await stream.result).firstAudioMs);
    } catch (err) {
      if (turn.abort.signal.aborted) return;
      turn.audioError = err instanceof AppError ? err.code : 'ai.speech_failed';
      this.sendError(err, turn.turnId);
    }
  }

  private enqueue(turn: ReplyTurn, segment: Segment, frames: Buffer[]) {
    this.whenStored(turn, () => {
      if (!turn.audioStarted) {
        turn.audioStarted = true;
        turn.pacingFrom = { framesSent: this.track.stats.framesSent, underruns: this.track.stats.underruns };
        this.o.sink.event({ type: 'audio.start', turnId: turn.turnId, sampleRate: this.o.outputRate, frameMs: this.o.frameMs });
      }
      segment.frames += frames.length;
      this.track.enqueue(frames);
    });
  }

  private async finishSpeaking(turn: ReplyTurn, speaker: { done(): Promise<void> }) {
    await speaker.done();
    if (turn.abort.signal.aborted) return;
    if (!turn.audioStarted) return;
    this.track.finish();
    await turn.drained;
    if (!turn.abort.signal.aborted) this.o.sink.event({ type: 'audio.end', turnId: turn.turnId });
  }

  /** Barge-in: stops generation and audio at once and notes what had been heard. */
  private interrupt(turn: ReplyTurn, announce: boolean) {
    if (turn.abort.signal.aborted) return;
    turn.abort.abort();
    const sent = turn.audioStarted ? this.track.clear() : 0;
    // The frames of the lead were sent but not yet played.
    const heard = Math.max(0, sent - Math.round(this.o.pacer.leadMs / this.o.frameMs));
    turn.spokenText = spokenText(turn.segments, heard);
    if (turn.audioStarted) this.o.sink.clear?.();
    turn.resolveDrained();
    if (this.reply === turn) this.reply = null;
    if (announce) this.o.sink.event({ type: 'interrupted', turnId: turn.turnId, spokenText: turn.spokenText });
  }

  private latency(turn: ReplyTurn): TurnLatency {
    const d = (a?: number, b?: number) => (a !== undefined && b !== undefined ? Math.round(b - a) : null);
    const provider = {
      transcribeMs: turn.transcribeMs,
      modelFirstTokenMs: d(turn.modelStartedAt, turn.firstTokenAt?.() ?? turn.t2),
      firstSentenceMs: d(turn.t2, turn.firstSentenceAt),
      speakFirstAudioMs: turn.speakFirstAudioMs,
    };
    const totalMs = d(turn.t0, turn.t3);
    const providerSum = Object.values(provider).reduce<number>((s, v) => s + (v ?? 0), 0);
    return {
      transcriptMs: d(turn.t0, turn.t1),
      firstTokenMs: d(turn.t1, turn.t2),
      firstAudioMs: d(turn.t2, turn.t3),
      totalMs,
      provider,
      talkbaseMs: totalMs === null ? null : Math.max(0, totalMs - providerSum),
      pacing: this.turnPacing(turn),
    };
  }

  private turnPacing(turn: ReplyTurn): NonNullable<TurnLatency['pacing']> {
    const stats = this.track.stats;
    const from = turn.pacingFrom ?? { framesSent: stats.framesSent, underruns: stats.underruns };
    const framesSent = stats.framesSent - from.framesSent;
    const late = stats.lateMs.slice(Math.max(0, stats.lateMs.length - framesSent)).sort((a, b) => a - b);
    return {
      framesSent,
      underruns: stats.underruns - from.underruns,
      maxLateMs: Math.round(late.at(-1) ?? 0),
      p99LateMs: Math.round(late[Math.min(late.length - 1, Math.floor(late.length * 0.99))] ?? 0),
    };
  }

  private async save(turn: ReplyTurn) {
    const interrupted = turn.abort.signal.aborted;
    const latency = this.latency(turn);
    const reply: SpokenReply = {
      turnId: turn.turnId,
      text: interrupted ? (turn.spokenText ?? '') : turn.generated.trim(),
      generatedText: turn.generated.trim(),
      interrupted,
      latency,
      audioError: turn.audioError,
    };
    try {
      await this.o.conversation.saveReply(reply);
    } catch (err) {
      this.o.log.error({ err, turnId: turn.turnId }, 'could not store the voice reply');
      this.sendError(err, turn.turnId);
      return;
    }
    this.o.onTurn?.(latency, interrupted);
    if (!this.closed) this.o.sink.event({ type: 'metrics', turnId: turn.turnId, interrupted, latency });
  }

  private sendError(err: unknown, turnId?: string) {
    if (this.closed) return;
    const e = err instanceof AppError ? err : null;
    if (!e) this.o.log.error({ err }, 'voice pipeline error');
    this.o.sink.event({
      type: 'error',
      ...(turnId ? { turnId } : {}),
      code: e?.code ?? 'voice.internal',
      message: e?.message ?? 'the voice pipeline failed on this turn',
      ...(e?.status ? { status: e.status } : {}),
    });
  }
}

/** The text heard before an interruption: whole sentences sent, then the share of words of the one cut off. */
export function spokenText(segments: Segment[], framesSent: number): string {
  const out: string[] = [];
  let left = framesSent;
  for (const s of segments) {
    if (left <= 0) break;
    if (left >= s.frames) {
      out.push(s.text);
      left -= s.frames;
      continue;
    }
    const words = s.text.split(/\s+/).filter(Boolean);
    const heard = Math.floor((words.length * left) / Math.max(1, s.frames));
    if (heard > 0) out.push(words.slice(0, heard).join(' '));
    break;
  }
  return out.join(' ');
}
