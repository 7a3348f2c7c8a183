import type { FastifyBaseLogger } from 'fastify';
import { FOREIGN_KEY_VIOLATION, pgErrorCode } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { parseChannel } from './channels.js';
import type { PresenceChange, PresenceStore } from './presence.js';

export interface AttachOptions {
  /**
   * The socket's own id (a uuid), generated when left out. Pass the same id again to put one socket on several
   * channels; never the id of a `/v1/realtime` connection, whose row the gateway owns.
   */
  connectionId?: string;
  userId: string;
  /** `<kind>:<id>`; the caller has already checked that the user may be there. */
  channel: string;
}

export interface Attachment {
  connectionId: string;
  channel: string;
  /** Leaves the channel (the connection's row goes with its last channel); a second call does nothing. */
  detach(): Promise<void>;
}

export interface Attachments {
  attach(opts: AttachOptions): Promise<Attachment>;
  /** After a heartbeat: writes again the rows of attached connections that were swept while this process stalled. */
  restore(kept: Set<string>): Promise<void>;
  /** Forgets every attachment (shutdown removes the rows of the whole instance). */
  close(): void;
  count(): number;
}

interface Attached {
  userId: string;
  /** Channel → how many handles hold it. */
  channels: Map<string, number>;
  /** Attach and detach of one connection run one after another. */
  queue: Promise<unknown>;
}

/**
 * Connections of socket routes other than `/v1/realtime` (the voice socket), kept in the same presence store: they
 * count in `presence()` and `onlineUsers()`, publish the same presence events, and call the same channel-kind hooks.
 * Their rows carry this instance's id, so its heartbeat refreshes them and they expire with it if the process dies.
 */
export function createAttachments(deps: {
  presence: PresenceStore;
  publishPresence(changes: PresenceChange[], action: 'join' | 'leave'): Promise<void>;
  log: FastifyBaseLogger;
}): Attachments {
  const { presence, publishPresence, log } = deps;
  const attached = new Map<string, Attached>();
  let closed = false;

  function serialize<T>(entry: Attached, work: () => Promise<T>): Promise<T> {
    const run = entry.queue.then(work, work);
    entry.queue = run.catch(() => undefined);
    return run;
  }

  async function join(connectionId: string, entry: Attached, channel: string) {
    await presence.openConnection(connectionId, entry.userId);
    if (await presence.join(channel, connectionId, entry.userId))
      await publishPresence([{ channel, userId: entry.userId, connectionId }], 'join');
  }

  async function leave(connectionId: string, entry: Attached, channel: string) {
    const held = (entry.channels.get(channel) ?? 0) - 1;
    if (held > 0) return void entry.channels.set(channel, held);
    entry.channels.delete(channel);
    if (entry.channels.size === 0) {
      attached.delete(connectionId);
      await publishPresence(await presence.closeConnection(connectionId), 'leave');
    } else if (await presence.leave(channel, connectionId)) {
      await publishPresence([{ channel, userId: entry.userId, connectionId }], 'leave');
    }
  }

  return {
    async attach(opts) {
      if (closed) throw new Error('realtime: closed; nothing can attach any more');
      if (!parseChannel(opts.channel)) throw new Error(`realtime: "${opts.channel}" is not a channel name (<kind>:<id>)`);
      const connectionId = opts.connectionId ?? uuidv7();
      let entry = attached.get(connectionId);
      if (entry && entry.userId !== opts.userId) throw new Error('realtime: a connection stays with the user it was attached for');
      if (!entry) attached.set(connectionId, (entry = { userId: opts.userId, channels: new Map(), queue: Promise.resolve() }));
      const own = entry;
      const { channel } = opts;
      await serialize(own, async () => {
        const held = own.channels.get(channel) ?? 0;
        own.channels.set(channel, held + 1);
        if (held > 0) return;
        try {
          await join(connectionId, own, channel);
        } catch (err) {
          await leave(connectionId, own, channel).catch(() => undefined);
          throw err;
        }
      });
      let detached = false;
      return {
        connectionId,
        channel,
        async detach() {
          if (detached || closed) return;
          detached = true;
          await serialize(own, () => leave(connectionId, own, channel));
        },
      };
    },
    async restore(kept) {
      for (const [connectionId, entry] of attached) {
        if (kept.has(connectionId) || entry.channels.size === 0) continue;
        await serialize(entry, async () => {
          for (const channel of entry.channels.keys()) await join(connectionId, entry, channel);
        }).catch((err: unknown) => {
          // The account was deleted (its connection rows went with it): nothing to restore.
          if (pgErrorCode(err) === FOREIGN_KEY_VIOLATION) attached.delete(connectionId);
          else log.warn({ err, connectionId }, 'could not restore an attached connection');
        });
      }
    },
    close() {
      closed = true;
      attached.clear();
    },
    count: () => attached.size,
  };
}
