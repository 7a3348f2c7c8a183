// The live voice socket (docs/voice.md): its messages, and a client that starts a conversation, hands over every
// event and audio frame of the reply, and sends the caller's 20 ms PCM16 frames no faster than the server takes them.
// Audio capture and playback are the caller's (the console's microphone and player; a file or a pipe on Node.js).
import { openSocket, socketUrl, SOCKET_OPEN, type SocketLike, type WebSocketConstructor } from './socket.js';

export type { WebSocketConstructor } from './socket.js';

export type VoiceProduct = 'calls' | 'tutor' | 'interview';

/** Each stage of a live voice turn in ms (null when the stage did not happen). */
export interface TurnLatency {
  transcriptMs: number | null;
  firstTokenMs: number | null;
  firstAudioMs: number | null;
  totalMs: number | null;
  provider?: {
    transcribeMs: number | null;
    modelFirstTokenMs: number | null;
    firstSentenceMs: number | null;
    speakFirstAudioMs: number | null;
  };
  talkbaseMs: number | null;
  pacing?: { framesSent: number; underruns: number; maxLateMs: number };
}

export interface Engines {
  transcribe: string;
  chat: string;
  speak: string;
}

export type VoiceStarted = {
  type: 'started';
  product: VoiceProduct;
  id: string;
  audio: { outputSampleRate: number; frameMs: number; frameBytes: number };
  engines: Engines;
};

export type VoiceEvent =
  | VoiceStarted
  | { type: 'speech.started'; turnId: string }
  | { type: 'speech.stopped'; turnId: string }
  | { type: 'transcript.partial'; turnId: string; text: string }
  | { type: 'transcript.final'; turnId: string; text: string }
  | { type: 'reply.delta'; turnId: string; text: string }
  | { type: 'reply.done'; turnId: string; text: string }
  | { type: 'audio.start'; turnId: string; sampleRate: number; frameMs: number }
  | { type: 'audio.end'; turnId: string }
  | { type: 'interrupted'; turnId: string; spokenText: string }
  | { type: 'metrics'; turnId: string; interrupted: boolean; latency: TurnLatency }
  | { type: 'error'; code: string; message: string; turnId?: string; status?: number }
  | { type: 'end'; reason: string }
  | { type: 'authenticated' };

export const INPUT_SAMPLE_RATE = 16000;
export const FRAME_MS = 20;
/** One 20 ms frame of 16 kHz PCM16 mono. */
export const FRAME_BYTES = (INPUT_SAMPLE_RATE * FRAME_MS * 2) / 1000;

export function startMessage(input: {
  token: string;
  product: VoiceProduct;
  id: string;
  outputSampleRate: 16000 | 24000;
  endOfTurnMs?: number;
  bargeIn?: boolean;
}) {
  return {
    type: 'start',
    token: input.token,
    product: input.product,
    id: input.id,
    audio: { encoding: 'pcm16', inputSampleRate: INPUT_SAMPLE_RATE, outputSampleRate: input.outputSampleRate, frameMs: FRAME_MS },
    ...(input.endOfTurnMs !== undefined ? { endOfTurnMs: input.endOfTurnMs } : {}),
    ...(input.bargeIn !== undefined ? { bargeIn: input.bargeIn } : {}),
  };
}

// ---- pacing -------------------------------------------------------------------------------

// The audio source can deliver frames in a burst after the page or the machine stalled; the server refuses audio much
// faster than real time (voice.too_fast), so a backlog is sent at a little over real time until it is gone, and audio
// older than `maxBacklogMs` is dropped.
export interface SendPacer {
  push(frame: ArrayBuffer | ArrayBufferView): void;
  /** Frames dropped because the backlog grew past its limit. */
  readonly dropped: number;
  clear(): void;
}

export function createSendPacer(
  send: (frame: ArrayBuffer | ArrayBufferView) => void,
  { burstFrames = 8, speed = 1.15, maxBacklogMs = 3000, now = () => performance.now() } = {},
): SendPacer {
  const queue: (ArrayBuffer | ArrayBufferView)[] = [];
  const perMs = speed / FRAME_MS;
  let tokens = burstFrames;
  let last = now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dropped = 0;

  function drain() {
    timer = null;
    const t = now();
    tokens = Math.min(burstFrames, tokens + (t - last) * perMs);
    last = t;
    while (queue.length && tokens >= 1) {
      send(queue.shift()!);
      tokens -= 1;
    }
    if (queue.length) timer = setTimeout(drain, Math.max(1, Math.ceil((1 - tokens) / perMs)));
  }

  return {
    push(frame) {
      queue.push(frame);
      const limit = Math.ceil(maxBacklogMs / FRAME_MS);
      if (queue.length > limit) dropped += queue.splice(0, queue.length - limit).length;
      if (!timer) drain();
    },
    get dropped() {
      return dropped;
    },
    clear() {
      queue.length = 0;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

// ---- the socket -----------------------------------------------------------------------------

/** Why the server refused or ended the connection, in words. */
export class VoiceError extends Error {
  override name = 'VoiceError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface VoiceSocketOptions {
  product: VoiceProduct;
  /** The conversation: a call session, a role-play conversation or an interview session. */
  id: string;
  /** A valid access token; asked at start. */
  getToken: () => string | null | undefined | Promise<string | null | undefined>;
  /** The server (`https://talkbase.example.com`, or `''` in a page it serves); the socket is `<baseUrl>/v1/voice`. */
  baseUrl?: string;
  /** The socket's URL, when it is not under `baseUrl`. */
  url?: string;
  /** The WebSocket class; the global one by default (Node.js 20 has none: pass `ws`'s). */
  WebSocket?: WebSocketConstructor;
  outputSampleRate?: 16000 | 24000;
  endOfTurnMs?: number;
  bargeIn?: boolean;
  /** Every event, `started` included. */
  onEvent?: (event: VoiceEvent) => void;
  /** Every frame of reply audio (PCM16 mono at the `audio.start` sample rate). */
  onAudio?: (frame: ArrayBuffer, sampleRate: number) => void;
}

export interface VoiceSocket {
  readonly started: VoiceStarted;
  /** Queues one 20 ms frame of 16 kHz PCM16 mono (FRAME_BYTES bytes), sent paced to real time. */
  sendFrame(frame: ArrayBuffer | ArrayBufferView): void;
  /** Frames the pacer dropped because the backlog grew too old. */
  readonly droppedFrames: number;
  /** Ends the connection (a call stays active until it is hung up). */
  close(): void;
  /** Resolves with the reason when the connection has closed. */
  readonly closed: Promise<string>;
}

/** Opens the voice socket and resolves once the server has `started`; rejects with a VoiceError when it refuses. */
export async function connectVoiceSocket(options: VoiceSocketOptions): Promise<VoiceSocket> {
  const token = await options.getToken();
  if (!token) throw new VoiceError('auth.required', 'Sign in again to talk');
  const socket: SocketLike = openSocket(options.WebSocket, options.url ?? socketUrl(options.baseUrl ?? '', '/v1/voice'));
  socket.binaryType = 'arraybuffer';
  let open = true;
  let endReason = 'closed';
  let replyRate: number = options.outputSampleRate ?? 24000;
  let resolveClosed!: (reason: string) => void;
  const closed = new Promise<string>((resolve) => (resolveClosed = resolve));
  const pacer = createSendPacer((frame) => {
    if (socket.readyState === SOCKET_OPEN) socket.send(frame);
  });
  const finish = (reason: string) => {
    if (!open) return;
    open = false;
    pacer.clear();
    resolveClosed(reason);
  };

  const started = await new Promise<VoiceStarted>((resolve, reject) => {
    let refused: VoiceError | null = null;
    let isStarted = false;
    socket.onopen = () =>
      socket.send(
        JSON.stringify(
          startMessage({
            token,
            product: options.product,
            id: options.id,
            outputSampleRate: options.outputSampleRate ?? 24000,
            endOfTurnMs: options.endOfTurnMs,
            bargeIn: options.bargeIn,
          }),
        ),
      );
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') {
        if (open) options.onAudio?.(toArrayBuffer(message.data), replyRate);
        return;
      }
      const event = JSON.parse(message.data) as VoiceEvent;
      if (event.type === 'started') {
        isStarted = true;
        replyRate = event.audio.outputSampleRate;
        resolve(event);
      } else if (event.type === 'error' && !isStarted) refused ??= new VoiceError(event.code, event.message);
      else if (event.type === 'end') endReason = event.reason;
      else if (event.type === 'audio.start') replyRate = event.sampleRate;
      options.onEvent?.(event);
    };
    socket.onclose = (close) => {
      reject(refused ?? new VoiceError(endReason, close.reason || 'The voice connection closed before it started'));
      finish(endReason);
    };
    socket.onerror = () => undefined;
  });

  return {
    started,
    sendFrame(frame) {
      if (open) pacer.push(frame);
    },
    get droppedFrames() {
      return pacer.dropped;
    },
    close() {
      if (socket.readyState === SOCKET_OPEN) {
        socket.send(JSON.stringify({ type: 'end' }));
        socket.close(1000, 'client_end');
      }
      endReason = 'client_end';
      finish('client_end');
    },
    closed,
  };
}

function toArrayBuffer(data: unknown): ArrayBuffer {
  if (data instanceof ArrayBuffer) return data;
  const view = data as Uint8Array;
  return view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;
}
