// A live voice conversation in the browser: the voice socket of @talkbase/client (docs/voice.md), the microphone sent
// as 20 ms frames after `started`, and the reply's audio played as it streams and cut at once on `interrupted`.
// No framework: a page subscribes with `onEvent` and `onState`.
import {
  connectVoiceSocket,
  FRAME_BYTES,
  VoiceError,
  type Engines,
  type VoiceEvent,
  type VoiceProduct,
  type VoiceSocket,
} from '@talkbase/client/voice';
import { openMicrophone, frameLevel, type Microphone } from './microphone';
import { PcmPlayer } from './player';

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

/**
 * Opens the voice socket and, once the server has `started`, the microphone. Rejects with a VoiceError when
 * the server refuses the start, or an Error when the microphone cannot be used.
 */
export async function connectVoice(options: VoiceOptions): Promise<VoiceConnection> {
  const ownContext = !options.audioContext;
  const ctx = options.audioContext ?? new AudioContext({ latencyHint: 'interactive' });
  void ctx.resume().catch(() => undefined);
  const player = new PcmPlayer(ctx);
  let socket: VoiceSocket | null = null;
  let mic: Microphone | null = null;
  let muted = false;
  let state = 'connecting' as VoiceState;

  const setState = (next: VoiceState, reason?: string) => {
    if (state === next) return;
    state = next;
    options.onState?.(next, reason);
  };

  const teardown = (reason: string) => {
    if (state === 'closed') return;
    mic?.stop();
    mic = null;
    player.stop();
    if (ownContext) void ctx.close().catch(() => undefined);
    setState('closed', reason);
  };

  try {
    const live = await connectVoiceSocket({
      product: options.product,
      id: options.id,
      getToken: options.token,
      baseUrl: location.origin,
      url: options.url,
      outputSampleRate: options.outputSampleRate ?? 24000,
      endOfTurnMs: options.endOfTurnMs,
      bargeIn: options.bargeIn,
      onAudio: (frame, sampleRate) => {
        if (state !== 'closed') player.play(frame, sampleRate);
      },
      onEvent: (event) => {
        // Barge-in: the server has stopped this turn's audio; what is queued here stops too.
        if (event.type === 'interrupted') player.stop();
        options.onEvent?.(event);
      },
    });
    socket = live;
    void live.closed.then(teardown);
    mic = await openMicrophone(
      ctx,
      (frame) => {
        if (muted || frame.byteLength !== FRAME_BYTES) return;
        live.sendFrame(frame);
        options.onLevel?.(frameLevel(frame));
      },
      options.workletUrl,
    );
    if (state === 'closed') {
      mic.stop();
      throw new VoiceError(await live.closed, 'The voice connection closed');
    }
    setState('live');
    return {
      engines: live.started.engines,
      setMuted(next) {
        muted = next;
      },
      close() {
        live.close();
        teardown('client_end');
      },
      closed: live.closed,
    };
  } catch (err) {
    socket?.close();
    teardown(err instanceof VoiceError ? err.code : 'error');
    throw err;
  }
}
