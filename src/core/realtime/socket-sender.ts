import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { RealtimeConfig } from '../../config.js';
import type { AuthUser } from '../identity/access.js';
import type { RealtimeEvent } from './channel-events.js';

export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  tryAgainLater: 1013,
  unauthorized: 4401,
  slowConsumer: 4008,
} as const;

const SLOW_CLOSE_GRACE_MS = 5000;

export interface Subscription {
  channel: string;
  /** False until the head is read and `subscribed` is sent; live events queue up meanwhile. */
  ready: boolean;
  last: number;
  catchUpTo: number;
  pending: RealtimeEvent[];
  pumping: boolean;
}

/** The stream under a WebSocket (its TCP socket): corked while one delivery writes several frames to it. */
export interface Transport {
  cork(): void;
  uncork(): void;
}

export interface Connection {
  id: string;
  socket: WebSocket;
  transport: Transport | null;
  /** Corked by the delivery in progress, uncorked when it ends. */
  corked: boolean;
  user: AuthUser | null;
  token: string | null;
  /** Whether the connection row exists (it is written once the socket authenticates). */
  registered: boolean;
  subs: Map<string, Subscription>;
  /** Pings sent since the peer was last heard from. */
  missedPings: number;
  closing: boolean;
  inbox: Promise<void>;
  inboxSize: number;
  inboxBytes: number;
  /** Product messages handed to their handler and not answered yet. */
  inFlight: number;
  authTimer: NodeJS.Timeout | null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writing frames to sockets within the send-buffer bound, corking each socket for the length of one delivery, and closing. */
export function createSocketSender(deps: { config: RealtimeConfig; log: FastifyBaseLogger }) {
  const { config, log } = deps;
  /** The sockets written to by the bus message being delivered now (null between deliveries). */
  let delivering: Connection[] | null = null;

  /** Sends a text frame; an event's frame is encoded once (a Buffer) and the same bytes go to every subscriber. */
  function sendText(conn: Connection, text: string | Buffer): boolean {
    if (conn.closing) return false;
    const buffered = conn.socket.bufferedAmount;
    if (buffered > 0 && buffered + text.length > config.sendBufferBytes) {
      closeSlowConsumer(conn);
      return false;
    }
    if (delivering && conn.transport && !conn.corked) {
      conn.transport.cork();
      conn.corked = true;
      delivering.push(conn);
    }
    conn.socket.send(text, { binary: false });
    return true;
  }

  const send = (conn: Connection, message: Record<string, unknown>) => sendText(conn, JSON.stringify(message));

  /** Replay waits for the socket to drain instead of closing it; a consumer that never drains is closed after a while. */
  async function sendPaced(conn: Connection, text: string | Buffer): Promise<boolean> {
    const deadline = Date.now() + Math.max(5000, config.heartbeatMs * 2);
    while (!conn.closing && conn.socket.bufferedAmount > 0 && conn.socket.bufferedAmount + text.length > config.sendBufferBytes) {
      if (Date.now() > deadline) {
        closeSlowConsumer(conn);
        return false;
      }
      await sleep(10);
    }
    return sendText(conn, text);
  }

  const sendError = (conn: Connection, code: string, message: string, extra: Record<string, unknown> = {}) =>
    send(conn, { type: 'error', code, message, ...extra });

  function closeWith(conn: Connection, code: number, reason: string, graceMs = SLOW_CLOSE_GRACE_MS) {
    if (conn.closing) return;
    conn.closing = true;
    conn.socket.close(code, reason);
    setTimeout(() => conn.socket.terminate(), graceMs).unref();
  }

  function closeSlowConsumer(conn: Connection) {
    log.warn({ connectionId: conn.id, bufferedAmount: conn.socket.bufferedAmount }, 'closing a slow realtime consumer');
    closeWith(conn, CLOSE.slowConsumer, `slow consumer: more than ${config.sendBufferBytes} bytes waiting to be sent`);
  }

  /**
   * Runs one delivery with every socket it writes to corked until the end, so its frames go out in one write
   * instead of one system call per frame; a delivery inside another joins the outer one.
   */
  function corked(deliver: () => void) {
    if (delivering) return deliver();
    const written: Connection[] = (delivering = []);
    try {
      deliver();
    } finally {
      delivering = null;
      for (const conn of written) {
        conn.corked = false;
        conn.transport!.uncork();
      }
    }
  }

  return { sendText, send, sendPaced, sendError, closeWith, corked };
}

export type SocketSender = ReturnType<typeof createSocketSender>;
