import type { FastifyBaseLogger } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import type { RealtimeConfig } from '../../config.js';
import type { Core } from '../context.js';
import { uuidv7 } from '../db/ids.js';
import { authenticateToken } from '../identity/access.js';
import type { PresenceEvents } from './presence-events.js';
import type { PresenceStore } from './presence.js';
import type { ProductMessages } from './product-messages.js';
import { CLOSE, type Connection, type SocketSender, type Transport } from './socket-sender.js';
import type { Subscriptions } from './subscriptions.js';

/**
 * Messages of one connection waiting to be processed at which the server stops reading its socket, so TCP makes the
 * client wait (a console subscribing to 200 rooms at once, a sender with 100 rooms in flight) instead of being closed.
 */
const INBOX_PAUSE_AT = 64;
/** Reading resumes once the backlog is down to this. */
const INBOX_RESUME_AT = 16;
/** What may still arrive after reading stopped (the rest of a chunk already read); past either the connection is closed. */
const MAX_INBOX = 2048;
const MAX_INBOX_BYTES = 1024 * 1024;

export interface ConnectionsDeps {
  core: () => Core;
  presence: PresenceStore;
  config: RealtimeConfig;
  log: FastifyBaseLogger;
  sender: SocketSender;
  subscriptions: Subscriptions;
  productMessages: ProductMessages;
  presenceEvents: PresenceEvents;
  isClosing(): boolean;
}

const newConnection = (socket: WebSocket, transport: Transport | null): Connection => ({
  id: uuidv7(),
  socket,
  transport,
  corked: false,
  user: null,
  token: null,
  registered: false,
  subs: new Map(),
  missedPings: 0,
  closing: false,
  inbox: Promise.resolve(),
  inboxSize: 0,
  inboxBytes: 0,
  inFlight: 0,
  authTimer: null,
});

/** A socket's life on this instance: accepted, authenticated, its messages read in order within limits, cleaned up when it closes. */
export function createConnections(deps: ConnectionsDeps) {
  const { config, log, sender, subscriptions } = deps;
  const { send, sendError, closeWith } = sender;
  const connections = new Set<Connection>();
  const cleanups = new Set<Promise<void>>();

  async function authenticate(conn: Connection, token: unknown) {
    if (typeof token !== 'string' || token.length === 0 || token.length > 4096) {
      sendError(conn, 'auth.invalid_token', 'auth needs a token (an access token from /v1/auth/login)');
      if (!conn.user) closeWith(conn, CLOSE.unauthorized, 'unauthorized');
      return;
    }
    const user = await authenticateToken(deps.core(), token);
    if (!user) {
      sendError(conn, 'auth.invalid_token', 'the access token is invalid or expired');
      if (!conn.user) closeWith(conn, CLOSE.unauthorized, 'unauthorized');
      return;
    }
    if (conn.user && conn.user.id !== user.id) {
      sendError(conn, 'auth.user_changed', 'a connection stays with the user it was opened by; open a new one');
      return;
    }
    conn.user = user;
    conn.token = token;
    if (conn.authTimer) clearTimeout(conn.authTimer);
    conn.authTimer = null;
    if (!conn.registered) {
      await deps.presence.openConnection(conn.id, user.id);
      conn.registered = true;
    }
    send(conn, { type: 'authenticated', connectionId: conn.id, userId: user.id, heartbeatMs: config.heartbeatMs });
  }

  function parse(raw: RawData): Record<string, unknown> | null {
    try {
      const parsed: unknown = JSON.parse(raw.toString());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { type?: unknown }).type !== 'string')
        return null;
      return parsed as Record<string, unknown>;
    } catch {
      return null;
    }
  }

  async function handle(conn: Connection, raw: RawData) {
    const msg = parse(raw);
    if (!msg) {
      sendError(conn, 'realtime.bad_message', 'messages are JSON objects with a "type"');
      return;
    }
    if (msg.type === 'ping') {
      send(conn, { type: 'pong', at: new Date().toISOString() });
      return;
    }
    if (msg.type === 'auth') return authenticate(conn, msg.token);
    if (!conn.user) {
      sendError(conn, 'auth.required', 'send {"type":"auth","token":"<access token>"} first');
      closeWith(conn, CLOSE.unauthorized, 'unauthorized');
      return;
    }
    switch (msg.type) {
      case 'subscribe':
        return subscriptions.subscribe(conn, msg);
      case 'unsubscribe':
        return subscriptions.unsubscribe(conn, msg);
      case 'signal':
        return subscriptions.signal(conn, msg);
      default: {
        const handler = deps.productMessages.handlerFor(msg.type as string);
        if (handler) return deps.productMessages.productMessage(conn, handler, msg);
        sendError(conn, 'realtime.unknown_type', `unknown message type "${String(msg.type)}"; see docs/realtime.md`);
      }
    }
  }

  /** Queues a message behind the connection's earlier ones, pausing the socket while the backlog is long. */
  function receive(conn: Connection, raw: RawData, isBinary: boolean) {
    conn.missedPings = 0;
    if (isBinary) {
      sendError(conn, 'realtime.bad_message', 'messages are JSON text frames');
      return;
    }
    const bytes = Array.isArray(raw) ? raw.reduce((n, b) => n + b.length, 0) : raw.byteLength;
    if (conn.inboxSize >= MAX_INBOX || conn.inboxBytes + bytes > MAX_INBOX_BYTES) {
      closeWith(conn, CLOSE.policy, 'too many messages waiting to be processed');
      return;
    }
    const { socket } = conn;
    conn.inboxSize++;
    conn.inboxBytes += bytes;
    if (conn.inboxSize >= INBOX_PAUSE_AT && !socket.isPaused) socket.pause();
    conn.inbox = conn.inbox
      .then(async () => {
        if (!conn.closing) await handle(conn, raw);
      })
      .catch((err: unknown) => {
        log.error({ err, connectionId: conn.id }, 'realtime message failed');
        sendError(conn, 'internal', 'the server could not process this message');
      })
      .finally(() => {
        conn.inboxSize--;
        conn.inboxBytes -= bytes;
        if (conn.inboxSize <= INBOX_RESUME_AT && socket.isPaused) socket.resume();
      });
  }

  async function cleanup(conn: Connection) {
    if (conn.authTimer) clearTimeout(conn.authTimer);
    subscriptions.forgetConnection(conn);
    connections.delete(conn);
    if (!conn.registered) return;
    const left = await deps.presence.closeConnection(conn.id);
    await deps.presenceEvents.publishPresence(left, 'leave');
  }

  function accept(socket: WebSocket, transport?: Transport) {
    const conn = newConnection(socket, transport ?? null);
    if (deps.isClosing()) {
      socket.close(CLOSE.goingAway, 'server shutting down; reconnect');
      return;
    }
    connections.add(conn);
    conn.authTimer = setTimeout(() => {
      if (!conn.user) {
        sendError(conn, 'auth.required', `no auth message within ${config.authTimeoutMs} ms`);
        closeWith(conn, CLOSE.unauthorized, 'unauthorized: no auth message in time');
      }
    }, config.authTimeoutMs);
    conn.authTimer.unref();
    socket.on('pong', () => {
      conn.missedPings = 0;
    });
    socket.on('message', (raw, isBinary) => receive(conn, raw, isBinary));
    socket.on('close', () => {
      conn.closing = true;
      // After whatever the connection was still processing, so a late subscribe cannot re-add presence.
      const done = conn.inbox
        .then(() => cleanup(conn))
        .catch((err: unknown) => log.warn({ err, connectionId: conn.id }, 'realtime connection cleanup failed'))
        .finally(() => cleanups.delete(done));
      cleanups.add(done);
    });
  }

  return { accept, connections: connections as ReadonlySet<Connection>, cleanups: cleanups as ReadonlySet<Promise<void>> };
}

export type Connections = ReturnType<typeof createConnections>;
