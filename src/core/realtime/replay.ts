import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeEvent } from './channel-events.js';
import type { Connection, SocketSender, Subscription } from './socket-sender.js';

/** Live events held per subscription while it catches up; beyond this it re-reads from the database instead. */
const MAX_PENDING = 1000;
const REPLAY_PAGE = 200;

export const isLive = (conn: Connection, sub: Subscription) => !conn.closing && conn.subs.get(sub.channel) === sub;

export interface ReplayDeps {
  log: FastifyBaseLogger;
  sender: SocketSender;
  read(channel: string, afterSeq: number, uptoSeq: number, limit: number): Promise<RealtimeEvent[]>;
}

/** Ordered delivery of a subscription's events: live ones in sequence, gaps and resumes read back from the database. */
export function createReplay(deps: ReplayDeps) {
  const { log, sender } = deps;
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

  /** Sends the stored events after `sub.last` up to `sub.catchUpTo`, one page; false when the subscription ended meanwhile. */
  async function catchUpPage(conn: Connection, sub: Subscription): Promise<boolean> {
    const rows = await deps.read(sub.channel, sub.last, sub.catchUpTo, REPLAY_PAGE);
    if (!isLive(conn, sub)) return false;
    const firstStored = rows[0]?.seq ?? sub.catchUpTo + 1;
    if (firstStored > sub.last + 1) {
      const missingTo = firstStored - 1;
      sender.sendError(
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
      if (!(await sender.sendPaced(conn, eventText(row))) || !isLive(conn, sub)) return false;
      sub.last = row.seq;
    }
    return true;
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
          if (!(await catchUpPage(conn, sub))) return;
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
        if (!sender.sendText(conn, eventText(next))) return;
        sub.last = next.seq;
      }
    } catch (err) {
      log.error({ err, channel: sub.channel, connectionId: conn.id }, 'realtime delivery failed');
      sender.closeWith(conn, 1011, 'delivery failed; reconnect and resume with lastSeq');
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

  return { pump, enqueue };
}

export type Replay = ReturnType<typeof createReplay>;
