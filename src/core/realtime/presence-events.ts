import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '../context.js';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../db/database.js';
import type { ChannelRegistry } from './channels.js';
import type { BusMessage } from './gateway.js';
import type { PresenceChange, PresenceStore } from './presence.js';
import type { Connection } from './socket-sender.js';

export interface PresenceEventsDeps {
  core: () => Core;
  channels: ChannelRegistry;
  presence: PresenceStore;
  log: FastifyBaseLogger;
  publish(channel: string, message: BusMessage): Promise<void>;
}

/** Presence as subscribers see it: joins and leaves published to the channel and handed to its presence hook. */
export function createPresenceEvents(deps: PresenceEventsDeps) {
  const { log } = deps;

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
    const join = async () => {
      if (await deps.presence.join(channel, conn.id, conn.user!.id))
        await publishPresence([{ channel, userId: conn.user!.id, connectionId: conn.id }], 'join');
    };
    try {
      await join();
    } catch (err) {
      // The connection row was swept while this process stalled: write it again and retry once.
      if (pgErrorCode(err) !== FOREIGN_KEY_VIOLATION) throw err;
      await deps.presence.openConnection(conn.id, conn.user!.id);
      await join();
    }
  }

  async function leavePresence(conn: Connection, channel: string) {
    if (conn.registered && (await deps.presence.leave(channel, conn.id)))
      await publishPresence([{ channel, userId: conn.user!.id, connectionId: conn.id }], 'leave');
  }

  return { publishPresence, joinPresence, leavePresence };
}

export type PresenceEvents = ReturnType<typeof createPresenceEvents>;
