import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '../context.js';
import { authenticateToken } from '../identity/access.js';
import type { ChannelRegistry } from './channels.js';
import type { BusMessage } from './gateway.js';
import type { PresenceEvents } from './presence-events.js';
import { isLive, type Replay } from './replay.js';
import type { Connection, SocketSender, Subscription } from './socket-sender.js';

const MAX_SUBSCRIPTIONS = 200;
const MAX_SIGNAL_BYTES = 16 * 1024;

export interface SubscriptionsDeps {
  core: () => Core;
  channels: ChannelRegistry;
  log: FastifyBaseLogger;
  sender: SocketSender;
  replay: Replay;
  presenceEvents: PresenceEvents;
  publish(channel: string, message: BusMessage): Promise<void>;
  head(channel: string): Promise<number>;
}

/** Which connections follow which channels: subscribe and unsubscribe, signals between peers, and bus messages fanned out to them. */
export function createSubscriptions(deps: SubscriptionsDeps) {
  const { log, sender, replay, presenceEvents } = deps;
  const { send, sendError, sendText } = sender;
  const byChannel = new Map<string, Set<Connection>>();

  /** The subscribe message's fields, or the error sent back for them (null). */
  function subscribeRequest(conn: Connection, msg: Record<string, unknown>): { channel: string; lastSeq: number | null } | null {
    const channel = msg.channel;
    const lastSeq = msg.lastSeq;
    if (typeof channel !== 'string') {
      sendError(conn, 'realtime.invalid_channel', 'subscribe needs a channel like "user:<id>"');
      return null;
    }
    if (lastSeq !== undefined && lastSeq !== null && !(Number.isSafeInteger(lastSeq) && (lastSeq as number) >= 0)) {
      sendError(conn, 'realtime.invalid_last_seq', 'lastSeq must be a whole number of at least 0', { channel });
      return null;
    }
    if (!conn.subs.has(channel) && conn.subs.size >= MAX_SUBSCRIPTIONS) {
      sendError(conn, 'realtime.too_many_subscriptions', `a connection follows at most ${MAX_SUBSCRIPTIONS} channels`, { channel });
      return null;
    }
    return { channel, lastSeq: (lastSeq as number | null | undefined) ?? null };
  }

  /** Access is decided now, from the database, as on every HTTP request; false once the error is sent. */
  async function mayFollow(conn: Connection, channel: string): Promise<boolean> {
    const user = await authenticateToken(deps.core(), conn.token!);
    if (!user) {
      sendError(
        conn,
        'auth.invalid_token',
        'the access token is no longer valid (expired, or the account was disabled); send {"type":"auth","token":...} with a fresh one, then subscribe again',
        { channel },
      );
      return false;
    }
    conn.user = user;
    const check = await deps.channels.authorize(deps.core(), user, channel);
    if (!check.ok) {
      sendError(conn, check.code, check.message, { channel });
      return false;
    }
    return true;
  }

  async function subscribe(conn: Connection, msg: Record<string, unknown>) {
    const request = subscribeRequest(conn, msg);
    if (!request || !(await mayFollow(conn, request.channel)) || conn.closing) return;
    const { channel, lastSeq } = request;
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
    sub.last = lastSeq === null ? head : Math.min(lastSeq, head);
    sub.catchUpTo = Math.max(sub.catchUpTo, head);
    sub.ready = true;
    send(conn, { type: 'subscribed', channel, seq: head });
    void replay.pump(conn, sub);
    await presenceEvents.joinPresence(conn, channel);
  }

  /** Takes the connection off the channel's list of followers; true when it was subscribed. */
  function unlist(conn: Connection, channel: string): boolean {
    const set = byChannel.get(channel);
    set?.delete(conn);
    if (set?.size === 0) byChannel.delete(channel);
    return conn.subs.delete(channel);
  }

  async function dropSubscription(conn: Connection, channel: string) {
    if (!conn.subs.has(channel)) return;
    unlist(conn, channel);
    await presenceEvents.leavePresence(conn, channel);
  }

  async function unsubscribe(conn: Connection, msg: Record<string, unknown>) {
    const channel = typeof msg.channel === 'string' ? msg.channel : '';
    await dropSubscription(conn, channel);
    send(conn, { type: 'unsubscribed', channel });
  }

  /** A closed connection follows nothing any more (its presence rows go with its connection row). */
  function forgetConnection(conn: Connection) {
    for (const channel of [...conn.subs.keys()]) unlist(conn, channel);
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

  const followers = (channel: string) => byChannel.get(channel) ?? [];

  function deliverMessage(channel: string, message: BusMessage) {
    switch (message.t) {
      case 'batch':
        for (const part of message.parts) deliverMessage(part.c, part.m);
        return;
      case 'events':
      case 'event': {
        const events = message.t === 'events' ? message.es : [message.e];
        for (const conn of followers(channel)) {
          const sub = conn.subs.get(channel);
          if (sub) for (const e of events) replay.enqueue(conn, sub, e);
        }
        return;
      }
      case 'ephemeral': {
        const text = Buffer.from(
          JSON.stringify({ type: 'event', channel, event: message.event, data: message.data, at: message.at, ephemeral: true }),
        );
        for (const conn of followers(channel)) if (conn.subs.get(channel)?.ready) sendText(conn, text);
        return;
      }
      case 'signal': {
        const text = Buffer.from(JSON.stringify({ type: 'signal', channel, from: message.from, data: message.data }));
        for (const conn of followers(channel)) {
          if (conn.id === message.from.connectionId || (message.to && message.to !== conn.id)) continue;
          if (conn.subs.get(channel)?.ready) sendText(conn, text);
        }
        return;
      }
      case 'revoke':
        for (const conn of [...followers(channel)]) {
          if (conn.user?.id !== message.userId) continue;
          dropSubscription(conn, channel)
            .then(() => send(conn, { type: 'unsubscribed', channel, reason: 'access revoked' }))
            .catch((err: unknown) => log.warn({ err, channel }, 'could not end a revoked subscription'));
        }
    }
  }

  /** A bus message's frames to one socket (a supervisor following every room gets a batch's events of all of them) go out in one write. */
  function deliver(channel: string, message: BusMessage) {
    sender.corked(() => deliverMessage(channel, message));
  }

  return { subscribe, unsubscribe, signal, forgetConnection, deliver };
}

export type Subscriptions = ReturnType<typeof createSubscriptions>;
