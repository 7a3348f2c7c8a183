// A live voice conversation in the browser: the /v1/voice socket (docs/voice.md), the microphone sent as
// 20 ms frames after `started`, and the reply's audio played as it streams and cut at once on `interrupted`.
// No framework: a page subscribes with `onEvent` and `onState`.
import { openMicrophone, frameLevel, type Microphone } from './microphone';
import { PcmPlayer } from './player';
import { createSendPacer, type SendPacer } from './send-pacer';
import { FRAME_BYTES, startMessage, type Engines, type VoiceEvent, type VoiceProduct } from './protocol';

export type VoiceState = 'connecting' | 'live' | 'closed';

export interface VoiceOptions {
  product: VoiceProduct;
  /** The conversation: a call session, a role-play conversation or an interview session. */
  id: string;
  /** A valid access token; asked at start. */
  token: () => Promise<string | null>;
  /** The socket URL; default `/v1/voice` on this page's host. */
  url?: string;
  outputSampleRate?: 16000 | 24000;
  endOfTurnMs?: number;
  bargeIn?: boolean;
  onEvent?: (event: VoiceEvent) => void;
  onState?: (state: VoiceState, reason?: string) => void;
  /** The microphone's loudness of each frame sent (0–1), for a level meter. */
  onLevel?: (level: number) => void;
  /** The AudioContext to use; one is made otherwise (call from a click so the browser lets it play). */
  audioContext?: AudioContext;
  workletUrl?: string;
}

export interface VoiceConnection {
  readonly engines: Engines;
  /** Stops sending the microphone while true (the socket stays open). */
  setMuted(muted: boolean): void;
  /** Ends the conversation's connection (a call stays active until it is hung up). */
  close(): void;
  /** Resolves with the reason when the connection has closed. */
  readonly closed: Promise<string>;
}

/** Why the server refused or ended the connection, in words. */
export class VoiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function defaultUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/v1/voice`;
}

/**
 * Opens the voice socket and, once the server has `started`, the microphone. Rejects with a VoiceError when
 * the server refuses the start, or an Error when the microphone cannot be used.
 */
export async function connectVoice(options: VoiceOptions): Promise<VoiceConnection> {
  const ownContext = !options.audioContext;
  const ctx = options.audioContext ?? new AudioContext({ latencyHint: 'interactive' });
  void ctx.resume().catch(() => undefined);
  const player = new PcmPlayer(ctx);
  let ws: WebSocket | null = null;
  let mic: Microphone | null = null;
  let pacer: SendPacer | null = null;
  let muted = false;
  let state = 'connecting' as VoiceState;
  let endReason = 'closed';
  let replyRate: number = options.outputSampleRate ?? 24000;
  let resolveClosed!: (reason: string) => void;
  const closed = new Promise<string>((resolve) => (resolveClosed = resolve));

  const setState = (next: VoiceState, reason?: string) => {
    if (state === next) return;
    state = next;
    options.onState?.(next, reason);
  };

  const teardown = (reason: string) => {
    if (state === 'closed') return;
    mic?.stop();
    mic = null;
    pacer?.clear();
    player.stop();
    if (ownContext) void ctx.close().catch(() => undefined);
    setState('closed', reason);
    resolveClosed(reason);
  };

  try {
    const token = await options.token();
    if (!token) throw new VoiceError('auth.required', 'Sign in again to talk');
    const socket = new WebSocket(options.url ?? defaultUrl());
    ws = socket;
    socket.binaryType = 'arraybuffer';
    const started = await new Promise<Extract<VoiceEvent, { type: 'started' }>>((resolve, reject) => {
      let refused: VoiceError | null = null;
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
        if (typeof message.data !== 'string') return onAudio(message.data as ArrayBuffer);
        const event = JSON.parse(message.data) as VoiceEvent;
        if (event.type === 'started') resolve(event);
        else if (event.type === 'error' && state === 'connecting') refused ??= new VoiceError(event.code, event.message);
        else if (event.type === 'end') endReason = event.reason;
        onEvent(event);
      };
      socket.onclose = (close) => {
        reject(refused ?? new VoiceError(endReason, close.reason || 'The voice connection closed before it started'));
        teardown(endReason);
      };
      socket.onerror = () => undefined;
    });
    socket.onclose = () => teardown(endReason);
    replyRate = started.audio.outputSampleRate;
    const paced = createSendPacer((frame) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    });
    pacer = paced;
    mic = await openMicrophone(
      ctx,
      (frame) => {
        if (muted || socket.readyState !== WebSocket.OPEN || frame.byteLength !== FRAME_BYTES) return;
        paced.push(frame);
        options.onLevel?.(frameLevel(frame));
      },
      options.workletUrl,
    );
    if (state === 'closed') {
      mic.stop();
      throw new VoiceError(endReason, 'The voice connection closed');
    }
    setState('live');
    return {
      engines: started.engines,
      setMuted(next) {
        muted = next;
      },
      close() {
        if (socket.readyState === WebSocket.OPEN) {
          socket.send(JSON.stringify({ type: 'end' }));
          socket.close(1000, 'client_end');
        }
        endReason = 'client_end';
        teardown('client_end');
      },
      closed,
    };
  } catch (err) {
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000);
    teardown(err instanceof VoiceError ? err.code : 'error');
    throw err;
  }

  function onAudio(frame: ArrayBuffer) {
    if (state !== 'closed') player.play(frame, replyRate);
  }

  function onEvent(event: VoiceEvent) {
    if (event.type === 'audio.start') replyRate = event.sampleRate;
    // Barge-in: the server has stopped this turn's audio; what is queued here stops too.
    if (event.type === 'interrupted') player.stop();
    options.onEvent?.(event);
  }
}
