import type { FastifyBaseLogger } from 'fastify';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../db/database.js';
import type { PresenceEvents } from './presence-events.js';
import type { PresenceStore } from './presence.js';
import { CLOSE, type Connection, type SocketSender } from './socket-sender.js';

export interface HeartbeatDeps {
  presence: PresenceStore;
  presenceEvents: PresenceEvents;
  log: FastifyBaseLogger;
  sender: SocketSender;
  connections: ReadonlySet<Connection>;
  isClosing(): boolean;
  /** After each heartbeat's refresh, with the connection ids of this instance that still have a row. */
  afterRefresh?(kept: Set<string>): Promise<void>;
}

/** The heartbeat: pings to find dead peers, this instance's presence kept fresh, and expired presence swept. */
export function createHeartbeat(deps: HeartbeatDeps) {
  const { log, connections, presenceEvents } = deps;
  let ticking = false;

  function pingAll() {
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
  }

  /** Refreshes this instance's connection rows and writes back any that were swept (with their channels' presence). */
  async function refreshPresence(): Promise<Set<string>> {
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
        deps.sender.closeWith(conn, CLOSE.unauthorized, 'unauthorized: the account no longer exists');
        continue;
      }
      for (const sub of conn.subs.values()) if (sub.ready) await presenceEvents.joinPresence(conn, sub.channel);
    }
    return kept;
  }

  async function sweepExpired(): Promise<number> {
    const left = await deps.presence.sweepExpired();
    await presenceEvents.publishPresence(left, 'leave');
    return left.length;
  }

  async function tick() {
    if (ticking || deps.isClosing()) return;
    ticking = true;
    try {
      pingAll();
      const kept = await refreshPresence();
      await deps.afterRefresh?.(kept);
      await sweepExpired();
    } catch (err) {
      log.warn({ err }, 'realtime heartbeat failed');
    } finally {
      ticking = false;
    }
  }

  return { tick, sweepExpired };
}
