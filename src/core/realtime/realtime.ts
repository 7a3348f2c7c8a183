import type { WebSocket } from 'ws';
import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeConfig } from '../../config.js';
import type { Core } from '../context.js';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import type { AfterCommit } from '../db/transaction.js';
import type { AuthUser } from '../identity/access.js';
import type { ProductDefinition } from '../product.js';
import type { Clock } from '../time/clock.js';
import type { Bus } from './bus.js';
import { createChannelRegistry, parseChannel, type ChannelCheck } from './channels.js';
import { appendChannelEvent, channelHead, readChannelEvents, type RealtimeEvent } from './channel-events.js';
import { createGateway, type BusMessage, type Transport } from './gateway.js';
import { createPresenceStore, type PresenceMember } from './presence.js';
import { createAttachments, type AttachOptions, type Attachment } from './attachments.js';

export type { RealtimeEvent } from './channel-events.js';
export type { PresenceMember } from './presence.js';
export type { AttachOptions, Attachment } from './attachments.js';

/** The transaction a product is already in: the event is stored in it and delivered once it commits. */
export interface TransactionScope {
  tx: Db;
  afterCommit: AfterCommit;
}

export interface Realtime {
  /** This process's id in `core.realtime_connections.instance_id`. */
  readonly instanceId: string;
  /**
   * Stores an event with the channel's next sequence number and delivers it to the channel's
   * subscribers on every instance once the transaction commits. Pass `{ tx, afterCommit }` from
   * `inTransaction` to publish as part of your own write; without it the event gets its own
   * transaction. Publish late in your transaction: the channel's head row stays locked until commit.
   */
  publish(channel: string, event: string, data: unknown, scope?: TransactionScope): Promise<RealtimeEvent>;
  /**
   * Fans out events already stored and committed (by a statement built with `appendChannelEventsFrom`), one list per
   * channel in sequence order, and ephemeral ones after them, as one bus message.
   */
  fanOut(stored: RealtimeEvent[][], ephemeral: { channel: string; event: string; data: unknown }[]): Promise<void>;
  /** Delivers to the channel's current subscribers only: no storage, no sequence number (typing, cursors). */
  publishEphemeral(channel: string, event: string, data: unknown): Promise<void>;
  /** Whether this user may follow the channel now (the check `subscribe` makes). */
  authorize(user: AuthUser, channel: string): Promise<ChannelCheck>;
  /**
   * Tells every instance, this one included, about `topic`, for work held in one process's memory (stopping a stream
   * that runs on another instance); nothing is stored and no socket sees it.
   */
  notifyInstances(topic: string, data: unknown): Promise<void>;
  /** Hears `notifyInstances(topic, …)` from any instance; returns a function that stops listening. */
  onInstanceNotice(topic: string, handler: (data: unknown) => void): () => void;
  /** Ends this user's subscriptions to the channel on every instance (for example after access was withdrawn). */
  revoke(channel: string, userId: string): Promise<void>;
  /** Who is connected to the channel now, one entry per user; pass `db` to read inside your transaction. */
  presence(channel: string, db?: Db): Promise<PresenceMember[]>;
  /** Which of these users have at least one open connection. */
  onlineUsers(userIds: string[]): Promise<Set<string>>;
  /** The channel's last sequence number (0 before its first event). */
  head(channel: string): Promise<number>;
  /** Stored events after `afterSeq`, oldest first. */
  readEvents(channel: string, afterSeq: number, limit?: number): Promise<RealtimeEvent[]>;
  /** Removes presence of connections whose process stopped refreshing them; returns how many memberships ended. */
  sweepExpiredPresence(): Promise<number>;
  /** One heartbeat now (it runs every `heartbeatMs` anyway): ping sockets, refresh this instance's presence, sweep. */
  heartbeat(): Promise<void>;
  /**
   * Puts a connection of another socket route (the voice socket, say) on a channel's presence, through the same store
   * as `/v1/realtime` subscriptions: it counts in `presence()` and `onlineUsers()`, the channel gets the same
   * `presence` join and leave events, and the channel kind's `onPresence` hook runs. The caller authenticates the
   * user and checks the channel first (`authorize`). The row is refreshed by this instance's heartbeat, removed by
   * `detach()` or at shutdown, and expires with the process if it dies. Call `detach()` when the socket closes.
   *
   * ```ts
   * const presence = await core.realtime.attach({ userId: user.id, channel: `call:${sessionId}` });
   * socket.on('close', () => void presence.detach());
   * ```
   */
  attach(opts: AttachOptions): Promise<Attachment>;
  /**
   * Hands an upgraded WebSocket to the gateway (the `/v1/realtime` route does this), with the TCP socket under it when
   * known, so the frames of one delivery to one socket leave in one write.
   */
  accept(socket: WebSocket, transport?: Transport): void;
  connectionCount(): number;
  /** Throws when the bus is unreachable. */
  ping(): Promise<void>;
  /** Closes every socket with 1001 and a reconnect hint, removes this instance's presence, stops the bus. */
  close(): Promise<void>;
}

export interface RealtimeDeps {
  /** Channel kinds are asked with the core; it is built after realtime, so it is handed in lazily. */
  core: () => Core;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  bus: Bus;
  /** Close the bus on close (false when the caller shares one bus between apps). */
  ownsBus: boolean;
  products: ProductDefinition[];
  config: RealtimeConfig;
}

/** A bus message for the instances themselves, beside the channel messages the gateway delivers. */
interface InstanceNotice {
  t: 'notice';
  topic: string;
  data: unknown;
}

const EVENT_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,99}$/;

function assertPublishable(channel: string, event: string) {
  if (!parseChannel(channel)) throw new Error(`realtime: "${channel}" is not a channel name (<kind>:<id>)`);
  if (!EVENT_NAME.test(event)) throw new Error(`realtime: "${event}" is not an event name (letters, digits, _ . : -; at most 100)`);
}

export function createRealtime(deps: RealtimeDeps): Realtime {
  const { db, clock, log, bus, config } = deps;
  const instanceId = uuidv7();
  const channels = createChannelRegistry(deps.products);
  const presence = createPresenceStore({ db, clock, instanceId, ttlMs: config.presenceTtlMs });
  const publishToBus = (channel: string, message: BusMessage) => bus.publish(channel, message);
  const attachments = createAttachments({
    presence,
    publishPresence: (changes, action) => gateway.publishPresence(changes, action),
    log,
  });
  const gateway = createGateway({
    core: deps.core,
    channels,
    presence,
    config,
    log,
    publish: publishToBus,
    head: (channel) => channelHead(db, channel),
    read: (channel, afterSeq, uptoSeq, limit) => readChannelEvents(db, channel, afterSeq, uptoSeq, limit),
    handlers: new Map(deps.products.flatMap((p) => p.messages ?? []).map((h) => [h.type, h])),
    afterRefresh: (kept) => attachments.restore(kept),
  });
  const notices = new Map<string, Set<(data: unknown) => void>>();
  const unsubscribe = bus.subscribe((channel, message) => {
    const notice = message as InstanceNotice | BusMessage;
    if (notice.t !== 'notice') return gateway.deliver(channel, notice);
    for (const handler of notices.get(notice.topic) ?? []) handler(notice.data);
  });
  const heartbeat = setInterval(() => void gateway.tick(), config.heartbeatMs);
  heartbeat.unref();

  // Stored already: a subscriber that misses this (bus down) finds the gap and reads it from the database.
  const deliver = (e: RealtimeEvent) =>
    publishToBus(e.channel, { t: 'event', e }).catch((err: unknown) =>
      log.warn({ err, channel: e.channel }, 'could not fan out a stored event'),
    );

  let closed = false;
  return {
    instanceId,
    async publish(channel, event, data, scope) {
      assertPublishable(channel, event);
      const at = clock.now();
      const payload = data === undefined || data === null ? {} : data;
      if (scope) {
        const stored = await appendChannelEvent(scope.tx, channel, event, payload, at);
        scope.afterCommit(() => deliver(stored));
        return stored;
      }
      // One statement: atomic on its own, one round trip.
      const stored = await appendChannelEvent(db, channel, event, payload, at);
      await deliver(stored);
      return stored;
    },
    // Stored already: as `deliver`, a subscriber that misses this finds the gap and reads it from the database.
    async fanOut(stored, ephemeral) {
      for (const e of ephemeral) assertPublishable(e.channel, e.event);
      const parts: { c: string; m: BusMessage }[] = [];
      for (const es of stored)
        if (es.length) parts.push({ c: es[0]!.channel, m: es.length === 1 ? { t: 'event', e: es[0]! } : { t: 'events', es } });
      const at = clock.now().toISOString();
      for (const e of ephemeral)
        parts.push({ c: e.channel, m: { t: 'ephemeral', channel: e.channel, event: e.event, data: e.data ?? {}, at } });
      if (parts.length === 0) return;
      await (parts.length === 1 ? publishToBus(parts[0]!.c, parts[0]!.m) : publishToBus(parts[0]!.c, { t: 'batch', parts })).catch(
        (err: unknown) => log.warn({ err }, 'could not fan out a batch of events'),
      );
    },
    async publishEphemeral(channel, event, data) {
      assertPublishable(channel, event);
      await publishToBus(channel, { t: 'ephemeral', channel, event, data: data ?? {}, at: clock.now().toISOString() });
    },
    authorize: (user, channel) => channels.authorize(deps.core(), user, channel),
    notifyInstances: (topic, data) => bus.publish(`notice:${topic}`, { t: 'notice', topic, data } satisfies InstanceNotice),
    onInstanceNotice(topic, handler) {
      const set = notices.get(topic) ?? new Set();
      notices.set(topic, set.add(handler));
      return () => {
        set.delete(handler);
        if (set.size === 0) notices.delete(topic);
      };
    },
    revoke: (channel, userId) => publishToBus(channel, { t: 'revoke', channel, userId }),
    presence: (channel, reader) => presence.members(channel, reader),
    onlineUsers: (userIds) => presence.onlineUsers(userIds),
    head: (channel) => channelHead(db, channel),
    readEvents: (channel, afterSeq, limit = 200) =>
      readChannelEvents(db, channel, afterSeq, Number.MAX_SAFE_INTEGER, Math.min(Math.max(limit, 1), 1000)),
    sweepExpiredPresence: () => gateway.sweepExpired(),
    heartbeat: () => gateway.tick(),
    attach: (opts) => attachments.attach(opts),
    accept: (socket, transport) => gateway.accept(socket, transport),
    connectionCount: () => gateway.connectionCount() + attachments.count(),
    ping: () => bus.ping(),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      attachments.close();
      await gateway.close();
      try {
        await gateway.publishPresence(await presence.closeInstance(), 'leave');
      } catch (err) {
        log.warn({ err }, 'could not remove this instance’s presence; it expires on its own');
      }
      unsubscribe();
      if (deps.ownsBus) await bus.close();
    },
  };
}
