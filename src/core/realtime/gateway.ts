import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { RealtimeConfig } from '../../config.js';
import type { Core } from '../context.js';
import type { RealtimeMessageHandler } from '../product.js';
import type { RealtimeEvent } from './channel-events.js';
import type { ChannelRegistry } from './channels.js';
import { createConnections } from './connections.js';
import { createHeartbeat } from './heartbeat.js';
import { createPresenceEvents } from './presence-events.js';
import type { PresenceChange, PresenceStore } from './presence.js';
import { createProductMessages } from './product-messages.js';
import { createReplay } from './replay.js';
import { CLOSE, createSocketSender, sleep, type Transport } from './socket-sender.js';
import { createSubscriptions } from './subscriptions.js';

export { CLOSE, type Transport } from './socket-sender.js';

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

const SHUTDOWN_GRACE_MS = 1000;

export interface GatewayDeps {
  core: () => Core;
  channels: ChannelRegistry;
  presence: PresenceStore;
  config: RealtimeConfig;
  log: FastifyBaseLogger;
  publish(channel: string, message: BusMessage): Promise<void>;
  head(channel: string): Promise<number>;
  read(channel: string, afterSeq: number, uptoSeq: number, limit: number): Promise<RealtimeEvent[]>;
  /** Product messages by type (`shop.scan` …). */
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

/** The WebSocket side of realtime on one instance: sockets, subscriptions, ordered delivery with replay. */
export function createGateway(deps: GatewayDeps): Gateway {
  const { core, config, log, presence } = deps;
  let closing = false;
  const isClosing = () => closing;

  const sender = createSocketSender({ config, log });
  const presenceEvents = createPresenceEvents({ core, channels: deps.channels, presence, log, publish: deps.publish });
  const replay = createReplay({ log, sender, read: deps.read });
  const subscriptions = createSubscriptions({
    core,
    channels: deps.channels,
    log,
    sender,
    replay,
    presenceEvents,
    publish: deps.publish,
    head: deps.head,
  });
  const productMessages = createProductMessages({ core, log, sender, handlers: deps.handlers, isClosing });
  const { accept, connections, cleanups } = createConnections({
    core,
    presence,
    config,
    log,
    sender,
    subscriptions,
    productMessages,
    presenceEvents,
    isClosing,
  });
  const heartbeat = createHeartbeat({ presence, presenceEvents, log, sender, connections, isClosing, afterRefresh: deps.afterRefresh });

  async function close() {
    closing = true;
    await productMessages.drain();
    for (const conn of connections)
      sender.closeWith(conn, CLOSE.goingAway, 'server shutting down; reconnect and resume with lastSeq', SHUTDOWN_GRACE_MS);
    const deadline = Date.now() + SHUTDOWN_GRACE_MS + 200;
    while (connections.size > 0 && Date.now() < deadline) {
      await Promise.allSettled([...cleanups]);
      if (connections.size > 0) await sleep(20);
    }
    for (const conn of connections) conn.socket.terminate();
    await Promise.allSettled([...cleanups]);
  }

  return {
    accept,
    deliver: subscriptions.deliver,
    tick: heartbeat.tick,
    sweepExpired: heartbeat.sweepExpired,
    publishPresence: presenceEvents.publishPresence,
    connectionCount: () => connections.size,
    close,
  };
}
