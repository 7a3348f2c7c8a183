import type { WebSocket } from 'ws';
import { Value } from 'typebox/value';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import { authenticateToken, type AuthUser } from '../identity/access.js';
import type { TurnLatency } from './conversation.js';
import type { Metrics } from '../observability/metrics.js';
import { createFramePacer, type FramePacer } from './pacer.js';
import { AuthMessage, CLOSE, createInputRateGuard, FRAME_MS, frameProblem, INPUT_SAMPLE_RATE, StartMessage } from './protocol.js';
import { VoiceSession, type VoiceSink } from './session.js';
import type { ProductDefinition } from '../product.js';

/** The enabled products a live voice connection may name, for the error that names a wrong one. */
export function voiceProducts(products: ProductDefinition[]): string {
  return (
    products
      .filter((p) => p.voice)
      .map((p) => p.name)
      .join(', ') || 'none'
  );
}

export interface VoiceService {
  /** Takes an upgraded `/v1/voice` socket. */
  accept(socket: WebSocket): void;
  /** Opens a session for another transport (a telephone stream) once the caller is known. */
  open(request: OpenRequest): Promise<OpenedSession>;
  readonly pacer: FramePacer;
  sessionCount(): number;
  /** Ends every session with 1001 (shutdown), storing replies cut off as interrupted. */
  close(): Promise<void>;
}

export interface OpenRequest {
  user: AuthUser;
  product: string;
  id: string;
  sink: VoiceSink;
  outputRate: 8000 | 16000 | 24000;
  endOfTurnMs?: number;
  bargeIn?: boolean;
  /** Told when another connection takes over the conversation, or it refuses further turns. */
  onEnd(reason: string, code: number): void;
}

export interface OpenedSession {
  session: VoiceSession;
  /** Says the conversation's opening line, if it has one: called once the client has been told the session started. */
  begin(): void;
  close(): Promise<void>;
}

/** Events only sent once a second at most (a client that keeps sending bad frames is not flooded back). */
/** Each reply's first 100 ms leave at once and the reply keeps that lead: clients play behind a jitter buffer. */
const REPLY_LEAD_MS = 100;
const THROTTLED = new Set(['voice.not_started', 'voice.bad_frame_size', 'voice.not_pcm', 'voice.too_fast']);

interface Live {
  key: string;
  onEnd(reason: string, code: number): void;
}

export function createVoiceService(
  core: () => Core,
  options: { startTimeoutMs?: number; onTurn?: (l: TurnLatency) => void; metrics?: Metrics } = {},
): VoiceService {
  const { metrics } = options;
  const pacer = createFramePacer(
    FRAME_MS,
    undefined,
    {
      frameSent: metrics ? (lateMs) => metrics.voiceFrameLateness.observe(lateMs / 1000) : undefined,
      underrun: metrics ? () => metrics.voiceUnderruns.inc() : undefined,
    },
    REPLY_LEAD_MS,
  );
  const live = new Map<string, Live>();
  const open = new Set<OpenedSession>();

  async function openSession(req: OpenRequest): Promise<OpenedSession> {
    const c = core();
    const product = c.products.find((p) => p.name === req.product && p.voice);
    if (!product?.voice)
      throw new AppError(
        'voice.unknown_product',
        400,
        `no product "${req.product}" takes voice; products that do: ${voiceProducts(c.products)}`,
      );
    const conversation = await product.voice.open(c.forProducts, req.user, req.id);
    const key = `${req.product}:${req.id}`;
    // One live connection per conversation: a newer one (a reconnect, a second tab) takes over.
    const previous = live.get(key);
    const me: Live = { key, onEnd: req.onEnd };
    live.set(key, me);
    previous?.onEnd('replaced', CLOSE.conflict);
    const attachment = await c.realtime.attach({ userId: req.user.id, channel: conversation.channel });
    const session = new VoiceSession({
      ai: c.ai,
      log: c.log,
      userId: req.user.id,
      conversation,
      pacer,
      sink: req.sink,
      inputRate: INPUT_SAMPLE_RATE,
      outputRate: req.outputRate,
      frameMs: FRAME_MS,
      vad: req.endOfTurnMs ? { endOfTurnMs: req.endOfTurnMs } : undefined,
      bargeIn: req.bargeIn,
      onFatal: (err) => req.onEnd(err.code, CLOSE.conflict),
      onTurn: (l, interrupted) => {
        if (l.talkbaseMs !== null) metrics?.voiceTurnAdded.observe({ interrupted: String(interrupted) }, l.talkbaseMs / 1000);
        options.onTurn?.(l);
      },
    });
    let closing: Promise<void> | null = null;
    const opened: OpenedSession = {
      session,
      begin() {
        if (conversation.opening) session.speakOpening(conversation.opening);
      },
      close() {
        closing ??= (async () => {
          open.delete(opened);
          if (live.get(key) === me) live.delete(key);
          await session.close();
          await attachment.detach();
        })();
        return closing;
      },
    };
    open.add(opened);
    return opened;
  }

  function accept(socket: WebSocket) {
    let user: AuthUser | null = null;
    let opened: OpenedSession | null = null;
    let starting = false;
    let guard = createInputRateGuard(FRAME_MS);
    let frameBytes = (INPUT_SAMPLE_RATE * FRAME_MS * 2) / 1000;
    const lastSent = new Map<string, number>();
    const send = (msg: Record<string, unknown>) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    };
    const error = (code: string, message: string, extra: Record<string, unknown> = {}) => {
      if (THROTTLED.has(code)) {
        const t = performance.now();
        if (t - (lastSent.get(code) ?? -Infinity) < 1000) return;
        lastSent.set(code, t);
      }
      send({ type: 'error', code, message, ...extra });
    };
    const end = (reason: string, code: number) => {
      send({ type: 'end', reason });
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason.slice(0, 120));
    };
    const startTimer = setTimeout(() => {
      if (!opened && !starting) {
        error('voice.start_timeout', 'send {"type":"start",...} first; see docs/voice.md');
        end('start_timeout', CLOSE.unauthorized);
      }
    }, options.startTimeoutMs ?? 10_000);

    async function start(message: unknown) {
      if (opened || starting) return error('voice.already_started', 'this connection has started already');
      if (!Value.Check(StartMessage, message)) {
        const errors = [...Value.Errors(StartMessage, message)].slice(0, 10).map((e) => ({
          field: e.instancePath.replace(/^\//, '').replace(/\//g, '.') || 'start',
          message: e.message,
        }));
        error('voice.invalid_start', `the start message is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, {
          errors,
        });
        return end('invalid_start', CLOSE.badRequest);
      }
      starting = true;
      try {
        user = await authenticateToken(core(), message.token);
        if (!user) {
          error('auth.invalid_token', 'the access token is invalid or expired');
          return end('unauthorized', CLOSE.unauthorized);
        }
        if (socket.readyState !== socket.OPEN) return;
        const session = await openSession({
          user,
          product: message.product,
          id: message.id,
          outputRate: message.audio.outputSampleRate,
          endOfTurnMs: message.endOfTurnMs,
          bargeIn: message.bargeIn,
          sink: {
            event: send,
            audio: (frame) => {
              if (socket.readyState === socket.OPEN) socket.send(frame, { binary: true });
            },
          },
          onEnd: (reason, code) => end(reason, code),
        });
        if (socket.readyState !== socket.OPEN) return void session.close();
        opened = session;
        frameBytes = (INPUT_SAMPLE_RATE * FRAME_MS * 2) / 1000;
        guard = createInputRateGuard(FRAME_MS);
        const ai = core().ai.providers;
        send({
          type: 'started',
          product: message.product,
          id: message.id,
          audio: {
            encoding: 'pcm16',
            inputSampleRate: INPUT_SAMPLE_RATE,
            outputSampleRate: message.audio.outputSampleRate,
            frameMs: FRAME_MS,
            frameBytes,
          },
          engines: { transcribe: ai.transcribe, chat: ai.chat, speak: ai.speak },
        });
        session.begin();
      } catch (err) {
        const e = err instanceof AppError ? err : null;
        if (!e) core().log.error({ err }, 'voice start failed');
        error(e?.code ?? 'voice.internal', e?.message ?? 'the voice connection could not start');
        end(
          e?.code ?? 'error',
          e?.status === 404 ? CLOSE.notFound : e && e.status < 500 ? (e.status === 400 ? CLOSE.badRequest : CLOSE.conflict) : 1011,
        );
      } finally {
        starting = false;
      }
    }

    async function refreshAuth(message: unknown) {
      if (!Value.Check(AuthMessage, message)) return error('voice.invalid_message', 'auth needs {"type":"auth","token":"..."}');
      const again = await authenticateToken(core(), message.token);
      if (!again || again.id !== user?.id) return error('auth.invalid_token', 'the token is invalid, expired, or for another user');
      user = again;
      send({ type: 'authenticated' });
    }

    socket.on('message', (raw: Buffer, isBinary: boolean) => {
      if (isBinary) {
        if (!opened) return error('voice.not_started', 'audio before start: send {"type":"start",...} first');
        const problem = frameProblem(raw, frameBytes);
        if (problem) return error(problem.code, problem.message);
        if (!guard.take()) {
          opened.session.discardUtterance();
          return error('voice.too_fast', `audio arrives faster than real time; send one ${FRAME_MS} ms frame every ${FRAME_MS} ms`);
        }
        return opened.session.pushFrame(raw);
      }
      let message: { type?: unknown };
      try {
        message = JSON.parse(raw.toString('utf8')) as { type?: unknown };
      } catch {
        return error('voice.invalid_message', 'text frames must be JSON objects with a "type"');
      }
      if (!message || typeof message !== 'object') return error('voice.invalid_message', 'text frames must be JSON objects with a "type"');
      switch (message.type) {
        case 'start':
          return void start(message);
        case 'auth':
          return void refreshAuth(message);
        case 'end':
          return end('client_end', CLOSE.normal);
        default:
          return error('voice.unknown_message', `unknown message type ${JSON.stringify(message.type)}; see docs/voice.md`);
      }
    });
    socket.on('close', () => {
      clearTimeout(startTimer);
      void opened?.close();
    });
    socket.on('error', () => undefined);
  }

  return {
    accept,
    open: openSession,
    pacer,
    sessionCount: () => open.size,
    async close() {
      for (const l of live.values()) l.onEnd('shutdown', CLOSE.shutdown);
      await Promise.allSettled([...open].map((s) => s.close()));
    },
  };
}
