import type { WebSocket, RawData } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeConfig } from '../../config.js';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import type { RealtimeMessageHandler } from '../product.js';
import { uuidv7 } from '../db/ids.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../db/database.js';
import { authenticateToken, type AuthUser } from '../identity/access.js';
import type { ChannelRegistry } from './channels.js';
import type { RealtimeEvent } from './channel-events.js';
import type { PresenceChange, PresenceStore } from './presence.js';

/** What travels on the bus between instances. */
export type BusMessage =
  | { t: 'event'; e: RealtimeEvent }
  /** Consecutive events of one channel published together. */
  | { t: 'events'; es: RealtimeEvent[] }
  | { t: 'ephemeral'; channel: string; event: string; data: unknown; at: string }
  | { t: 'signal'; channel: string; from: { userId: string; connectionId: string }; to: string | null; data: unknown }
  | { t: 'revoke'; channel: string; userId: string }
  /** Messages for several channels published together (a batch of transcript segments across rooms). */
  | { t: 'batch'; parts: { c: string; m: BusMessage }[] };

export const CLOSE = {
  goingAway: 1001,
  policy: 1008,
  tryAgainLater: 1013,
  unauthorized: 4401,
  slowConsumer: 4008,
} as const;

const MAX_SUBSCRIPTIONS = 200;
/** Live events held per subscription while it catches up; beyond this it re-reads from the database instead. */
const MAX_PENDING = 1000;
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
const REPLAY_PAGE = 200;
const MAX_SIGNAL_BYTES = 16 * 1024;
const SLOW_CLOSE_GRACE_MS = 5000;
const SHUTDOWN_GRACE_MS = 1000;
/** Product messages of one connection being processed at once (each is answered with ack or error). */
const MAX_IN_FLIGHT = 256;
/** How long shutdown waits for product messages being processed, so their acks still go out. */
const IN_FLIGHT_GRACE_MS = 5000;

interface Subscription {
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

interface Connection {
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

export interface GatewayDeps {
  core: () => Core;
  channels: ChannelRegistry;
  presence: PresenceStore;
  config: RealtimeConfig;
  log: FastifyBaseLogger;
  publish(channel: string, message: BusMessage): Promise<void>;
  head(channel: string): Promise<number>;
  read(channel: string, afterSeq: number, uptoSeq: number, limit: number): Promise<RealtimeEvent[]>;
  /** Product messages by type (`assist.transcript` …). */
  handlers: Map<string, RealtimeMessageHandler>;
  /** After each heartbeat's refresh, with the connection ids of this instance that still have a row. */
  afterRefresh?(kept: Set<string>): Promise<void>;
}

export interface Gateway {
  accept(socket: WebSocket, transport?: Transport): void;
  deliver(channel: string, message: BusMessage): void;
  /** One heartbeat: drop connections that did not answer the last ping, refresh presence, sweep expired presence. */
  tick(): Promise<void>;
  sweepExpired(): Promise<number>;
  publishPresence(changes: PresenceChange[], action: 'join' | 'leave'): Promise<void>;
  connectionCount(): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The WebSocket side of realtime on one instance: sockets, subscriptions, ordered delivery with replay. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { config, log } = deps;
  const connections = new Set<Connection>();
  const byChannel = new Map<string, Set<Connection>>();
  const cleanups = new Set<Promise<void>>();
  const working = new Set<Promise<void>>();
  let closing = false;
  let ticking = false;

  /** The sockets written to by the bus message being delivered now (null between deliveries). */
  let delivering: Connection[] | null = null;

  const isLive = (conn: Connection, sub: Subscription) => !conn.closing && conn.subs.get(sub.channel) === sub;

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

  const eventFrames = new WeakMap<RealtimeEvent, Buffer>();
  /** The event's frame, serialized once however many sockets follow its channel. */
  function eventText(e: RealtimeEvent): Buffer {
    let frame = eventFrames.get(e);
    if (!frame) {
      frame = Buffer.from(JSON.stringify({ type: 'event', channel: e.channel, seq: e.seq, event: e.event, data: e.data, at: e.at }));
      eventFrames.set(e, frame);
    }
    return frame;
  }

  /**
   * Delivers a subscription's events strictly in sequence order: live events in order, and any
   * range it has not seen (resume, or an event from another instance overtaking an earlier one)
   * read from the database first.
   */
  async function pump(conn: Connection, sub: Subscription): Promise<void> {
    if (sub.pumping || !sub.ready) return;
    sub.pumping = true;
    try {
      while (isLive(conn, sub)) {
        if (sub.catchUpTo > sub.last) {
          const rows = await deps.read(sub.channel, sub.last, sub.catchUpTo, REPLAY_PAGE);
          if (!isLive(conn, sub)) return;
          const firstStored = rows[0]?.seq ?? sub.catchUpTo + 1;
          if (firstStored > sub.last + 1) {
            const missingTo = firstStored - 1;
            sendError(
              conn,
              'realtime.events_expired',
              `events ${sub.last + 1} to ${missingTo} of ${sub.channel} are no longer stored; reload the state over HTTP`,
              {
                channel: sub.channel,
                fromSeq: sub.last + 1,
                toSeq: missingTo,
              },
            );
            sub.last = missingTo;
          }
          for (const row of rows) {
            if (!(await sendPaced(conn, eventText(row))) || !isLive(conn, sub)) return;
            sub.last = row.seq;
          }
          continue;
        }
        const next = sub.pending.shift();
        if (!next) break;
        if (next.seq <= sub.last) continue;
        if (next.seq > sub.last + 1) {
          sub.catchUpTo = next.seq - 1;
          sub.pending.unshift(next);
          continue;
        }
        if (!sendText(conn, eventText(next))) return;
        sub.last = next.seq;
      }
    } catch (err) {
      log.error({ err, channel: sub.channel, connectionId: conn.id }, 'realtime delivery failed');
      closeWith(conn, 1011, 'delivery failed; reconnect and resume with lastSeq');
    } finally {
      sub.pumping = false;
    }
  }

  function enqueue(conn: Connection, sub: Subscription, event: RealtimeEvent) {
    if (sub.ready && event.seq <= sub.last) return;
    sub.pending.push(event);
    if (sub.pending.length > MAX_PENDING) {
      sub.catchUpTo = Math.max(sub.catchUpTo, ...sub.pending.map((e) => e.seq));
      sub.pending = [];
    }
    void pump(conn, sub);
  }

  /**
   * A bus message's frames to one socket (a supervisor following every room gets a batch's events of all of them)
   * go out in one write instead of one system call per frame: each socket written to is corked until the end.
   */
  function deliver(channel: string, message: BusMessage) {
    if (delivering) return deliverMessage(channel, message);
    const written: Connection[] = (delivering = []);
    try {
      deliverMessage(channel, message);
    } finally {
      delivering = null;
      for (const conn of written) {
        conn.corked = false;
        conn.transport!.uncork();
      }
    }
  }

  function deliverMessage(channel: string, message: BusMessage) {
    if (message.t === 'batch') {
      for (const part of message.parts) deliverMessage(part.c, part.m);
      return;
    }
    if (message.t === 'events') {
      for (const conn of byChannel.get(channel) ?? []) {
        const sub = conn.subs.get(channel);
        if (sub) for (const e of message.es) enqueue(conn, sub, e);
      }
      return;
    }
    if (message.t === 'event') {
      for (const conn of byChannel.get(channel) ?? []) {
        const sub = conn.subs.get(channel);
        if (sub) enqueue(conn, sub, message.e);
      }
      return;
    }
    if (message.t === 'ephemeral') {
      const text = Buffer.from(
        JSON.stringify({ type: 'event', channel, event: message.event, data: message.data, at: message.at, ephemeral: true }),
      );
      for (const conn of byChannel.get(channel) ?? []) if (conn.subs.get(channel)?.ready) sendText(conn, text);
      return;
    }
    if (message.t === 'signal') {
      const text = Buffer.from(JSON.stringify({ type: 'signal', channel, from: message.from, data: message.data }));
      for (const conn of byChannel.get(channel) ?? []) {
        if (conn.id === message.from.connectionId || (message.to && message.to !== conn.id)) continue;
        if (conn.subs.get(channel)?.ready) sendText(conn, text);
      }
      return;
    }
    if (message.t === 'revoke') {
      for (const conn of [...(byChannel.get(channel) ?? [])]) {
        if (conn.user?.id !== message.userId) continue;
        dropSubscription(conn, channel)
          .then(() => send(conn, { type: 'unsubscribed', channel, reason: 'access revoked' }))
          .catch((err: unknown) => log.warn({ err, channel }, 'could not end a revoked subscription'));
      }
    }
  }

  async function publishPresence(changes: PresenceChange[], action: 'join' | 'leave') {
    const at = new Date().toISOString();
    for (const c of changes) {
      await deps
        .publish(c.channel, {
          t: 'ephemeral',
          channel: c.channel,
          event: 'presence',
          data: { action, userId: c.userId, connectionId: c.connectionId },
          at,
        })
        .catch((err: unknown) => log.warn({ err, channel: c.channel }, 'could not publish presence'));
      try {
        await deps.channels.presenceChanged(deps.core(), { ...c, kind: action });
      } catch (err) {
        log.error({ err, channel: c.channel, connectionId: c.connectionId, action }, 'a presence hook failed');
      }
    }
  }

  async function joinPresence(conn: Connection, channel: string) {
    try {
      if (await deps.presence.join(channel, conn.id, conn.user!.id))
        await publishPresence([{ channel, userId: conn.user!.id, connectionId: conn.id }], 'join');
    } catch (err) {
      // The connection row was swept while this process stalled: write it again and retry once.
      if (pgErrorCode(err) !== FOREIGN_KEY_VIOLATION) throw err;
      await deps.presence.openConnection(conn.id, conn.user!.id);
      if (await deps.presence.join(channel, conn.id, conn.user!.id))
        await publishPresence([{ channel, userId: conn.user!.id, connectionId: conn.id }], 'join');
    }
  }

  async function dropSubscription(conn: Connection, channel: string) {
    if (!conn.subs.delete(channel)) return;
    const set = byChannel.get(channel);
    set?.delete(conn);
    if (set?.size === 0) byChannel.delete(channel);
    if (conn.registered && (await deps.presence.leave(channel, conn.id)))
      await publishPresence([{ channel, userId: conn.user!.id, connectionId: conn.id }], 'leave');
  }

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

  async function subscribe(conn: Connection, msg: Record<string, unknown>) {
    const channel = msg.channel;
    const lastSeq = msg.lastSeq;
    if (typeof channel !== 'string') return sendError(conn, 'realtime.invalid_channel', 'subscribe needs a channel like "user:<id>"');
    if (lastSeq !== undefined && lastSeq !== null && !(Number.isSafeInteger(lastSeq) && (lastSeq as number) >= 0)) {
      return sendError(conn, 'realtime.invalid_last_seq', 'lastSeq must be a whole number of at least 0', { channel });
    }
    if (!conn.subs.has(channel) && conn.subs.size >= MAX_SUBSCRIPTIONS) {
      return sendError(conn, 'realtime.too_many_subscriptions', `a connection follows at most ${MAX_SUBSCRIPTIONS} channels`, { channel });
    }
    // Access is decided now, from the database, as on every HTTP request.
    const user = await authenticateToken(deps.core(), conn.token!);
    if (!user)
      return sendError(
        conn,
        'auth.invalid_token',
        'the access token is no longer valid (expired, or the account was disabled); send {"type":"auth","token":...} with a fresh one, then subscribe again',
        { channel },
      );
    conn.user = user;
    const check = await deps.channels.authorize(deps.core(), user, channel);
    if (!check.ok) return sendError(conn, check.code, check.message, { channel });
    if (conn.closing) return;

    const sub: Subscription = { channel, ready: false, last: 0, catchUpTo: 0, pending: [], pumping: false };
    conn.subs.set(channel, sub);
    let set = byChannel.get(channel);
    if (!set) byChannel.set(channel, (set = new Set()));
    set.add(conn);
    // Registered for live events before reading the head, so nothing published in between is missed.
    let head: number;
    try {
      head = await deps.head(channel);
    } catch (err) {
      if (conn.subs.get(channel) === sub) await dropSubscription(conn, channel).catch(() => undefined);
      throw err;
    }
    if (!isLive(conn, sub)) return;
    const from = lastSeq === undefined || lastSeq === null ? head : Math.min(lastSeq as number, head);
    sub.last = from;
    sub.catchUpTo = Math.max(sub.catchUpTo, head);
    sub.ready = true;
    send(conn, { type: 'subscribed', channel, seq: head });
    void pump(conn, sub);
    await joinPresence(conn, channel);
  }

  async function signal(conn: Connection, msg: Record<string, unknown>) {
    const channel = msg.channel;
    if (typeof channel !== 'string' || !conn.subs.get(channel)?.ready) {
      return sendError(conn, 'realtime.not_subscribed', 'signals go to the peers of a channel this connection is subscribed to', {
        channel,
      });
    }
    const to = msg.to ?? null;
    if (to !== null && typeof to !== 'string') return sendError(conn, 'realtime.invalid_signal', 'to must be a connection id', { channel });
    const data = msg.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return sendError(conn, 'realtime.invalid_signal', 'data must be an object such as {"kind":"offer","sdp":"..."}', { channel });
    }
    if (JSON.stringify(data).length > MAX_SIGNAL_BYTES)
      return sendError(conn, 'realtime.invalid_signal', `data is larger than ${MAX_SIGNAL_BYTES} bytes`, { channel });
    await deps.publish(channel, { t: 'signal', channel, from: { userId: conn.user!.id, connectionId: conn.id }, to, data });
  }

  /**
   * Hands a product message to its handler without waiting for it, so the next message of the connection is read
   * meanwhile (a handler batching work sees them together); the answer goes back with the message's `ref`.
   */
  function productMessage(conn: Connection, handler: RealtimeMessageHandler, msg: Record<string, unknown>) {
    const ref = msg.ref;
    if (ref !== undefined && !(typeof ref === 'string' && ref.length <= 100) && !Number.isSafeInteger(ref)) {
      return sendError(conn, 'realtime.invalid_ref', 'ref must be a string of at most 100 characters or a whole number');
    }
    const user = conn.user!;
    if (user.tokenExpiresAt !== undefined && deps.core().clock.now().getTime() >= user.tokenExpiresAt) {
      return sendError(
        conn,
        'auth.invalid_token',
        'the access token has expired; send {"type":"auth","token":...} with a fresh one, then send the message again',
        { ref },
      );
    }
    if (closing) return sendError(conn, 'realtime.shutting_down', 'the server is shutting down; reconnect and send it again', { ref });
    if (conn.inFlight >= MAX_IN_FLIGHT) {
      return sendError(
        conn,
        'realtime.too_many_pending',
        `at most ${MAX_IN_FLIGHT} messages of a connection are processed at once; wait for their acks`,
        {
          ref,
        },
      );
    }
    conn.inFlight++;
    let work: Promise<Record<string, unknown>>;
    try {
      work = handler.handle(deps.core().forProducts, { user, connectionId: conn.id }, msg);
    } catch (err) {
      work = Promise.reject(err);
    }
    const done = work
      .then(
        (result) => void send(conn, { ...result, type: 'ack', ref }),
        (err: unknown) => {
          if (err instanceof AppError) {
            const { retryAfterSeconds: _retryAfter, ...extra } = err.extra;
            sendError(conn, err.code, err.message, { ...extra, status: err.status, ref });
            return;
          }
          log.error({ err, connectionId: conn.id, type: msg.type }, 'a realtime product message failed');
          sendError(conn, 'internal', 'the server could not process this message', { ref });
        },
      )
      .finally(() => {
        conn.inFlight--;
        working.delete(done);
      });
    working.add(done);
  }

  async function handle(conn: Connection, raw: RawData) {
    let msg: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw.toString());
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { type?: unknown }).type !== 'string')
        throw new Error('shape');
      msg = parsed as Record<string, unknown>;
    } catch {
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
        return subscribe(conn, msg);
      case 'unsubscribe': {
        const channel = typeof msg.channel === 'string' ? msg.channel : '';
        await dropSubscription(conn, channel);
        send(conn, { type: 'unsubscribed', channel });
        return;
      }
      case 'signal':
        return signal(conn, msg);
      default: {
        const handler = deps.handlers.get(msg.type as string);
        if (handler) return productMessage(conn, handler, msg);
        sendError(conn, 'realtime.unknown_type', `unknown message type "${String(msg.type)}"; see docs/realtime.md`);
      }
    }
  }

  async function cleanup(conn: Connection) {
    if (conn.authTimer) clearTimeout(conn.authTimer);
    for (const channel of conn.subs.keys()) {
      const set = byChannel.get(channel);
      set?.delete(conn);
      if (set?.size === 0) byChannel.delete(channel);
    }
    conn.subs.clear();
    connections.delete(conn);
    if (!conn.registered) return;
    const left = await deps.presence.closeConnection(conn.id);
    await publishPresence(left, 'leave');
  }

  function accept(socket: WebSocket, transport?: Transport) {
    const conn: Connection = {
      id: uuidv7(),
      socket,
      transport: transport ?? null,
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
    };
    if (closing) {
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
    socket.on('message', (raw, isBinary) => {
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
    });
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

  async function sweepExpired(): Promise<number> {
    const left = await deps.presence.sweepExpired();
    await publishPresence(left, 'leave');
    return left.length;
  }

  async function tick() {
    if (ticking || closing) return;
    ticking = true;
    try {
      for (const conn of connections) {
        if (conn.closing) continue;
        // Two silent intervals, not one: an event-loop stall must not read as a dead peer.
        if (conn.missedPings >= 2) {
          log.info({ connectionId: conn.id }, 'closing a realtime connection that stopped answering pings');
          conn.closing = true;
          conn.socket.terminate();
          continue;
        }
        conn.missedPings++;
        conn.socket.ping();
      }
      const registered = [...connections].filter((c) => c.registered && !c.closing);
      const kept = await deps.presence.refreshInstance();
      const lost = new Set(registered.filter((c) => !kept.has(c.id)).map((c) => c.id));
      for (const conn of registered) {
        if (!lost.has(conn.id) || conn.closing) continue;
        try {
          await deps.presence.openConnection(conn.id, conn.user!.id);
        } catch (err) {
          // The account was deleted (its connection rows went with it).
          if (pgErrorCode(err) !== FOREIGN_KEY_VIOLATION) throw err;
          closeWith(conn, CLOSE.unauthorized, 'unauthorized: the account no longer exists');
          continue;
        }
        for (const sub of conn.subs.values()) if (sub.ready) await joinPresence(conn, sub.channel);
      }
      await deps.afterRefresh?.(kept);
      await sweepExpired();
    } catch (err) {
      log.warn({ err }, 'realtime heartbeat failed');
    } finally {
      ticking = false;
    }
  }

  async function close() {
    closing = true;
    // Messages being processed finish and are answered before the sockets close.
    if (working.size > 0) {
      const waited = Promise.allSettled([...working]);
      await Promise.race([waited, new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_GRACE_MS).unref())]);
    }
    for (const conn of connections)
      closeWith(conn, CLOSE.goingAway, 'server shutting down; reconnect and resume with lastSeq', SHUTDOWN_GRACE_MS);
    const deadline = Date.now() + SHUTDOWN_GRACE_MS + 200;
    while (connections.size > 0 && Date.now() < deadline) {
      await Promise.allSettled([...cleanups]);
      if (connections.size > 0) await sleep(20);
    }
    for (const conn of connections) conn.socket.terminate();
    await Promise.allSettled([...cleanups]);
  }

  return { accept, deliver, tick, sweepExpired, publishPresence, connectionCount: () => connections.size, close };
}
