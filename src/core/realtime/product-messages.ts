import type { FastifyBaseLogger } from 'fastify';
import type { Core } from '../context.js';
import { AppError } from '../http/errors.js';
import type { RealtimeMessageHandler } from '../product.js';
import type { Connection, SocketSender } from './socket-sender.js';

/** Product messages of one connection being processed at once (each is answered with ack or error). */
const MAX_IN_FLIGHT = 256;
/** How long shutdown waits for product messages being processed, so their acks still go out. */
const IN_FLIGHT_GRACE_MS = 5000;

export interface ProductMessagesDeps {
  core: () => Core;
  log: FastifyBaseLogger;
  sender: SocketSender;
  /** Product messages by type (`shop.scan` …). */
  handlers: Map<string, RealtimeMessageHandler>;
  isClosing(): boolean;
}

/** Messages a product handles (`shop.scan` …): checked, handed to the handler, answered with ack or error by `ref`. */
export function createProductMessages(deps: ProductMessagesDeps) {
  const { log, sender } = deps;
  const { send, sendError } = sender;
  const working = new Set<Promise<void>>();

  /** True when the message may not be handed on now (the error is then sent). */
  function refused(conn: Connection, ref: unknown): boolean {
    if (ref !== undefined && !(typeof ref === 'string' && ref.length <= 100) && !Number.isSafeInteger(ref)) {
      sendError(conn, 'realtime.invalid_ref', 'ref must be a string of at most 100 characters or a whole number');
      return true;
    }
    const user = conn.user!;
    if (user.tokenExpiresAt !== undefined && deps.core().clock.now().getTime() >= user.tokenExpiresAt) {
      sendError(
        conn,
        'auth.invalid_token',
        'the access token has expired; send {"type":"auth","token":...} with a fresh one, then send the message again',
        { ref },
      );
      return true;
    }
    if (deps.isClosing()) {
      sendError(conn, 'realtime.shutting_down', 'the server is shutting down; reconnect and send it again', { ref });
      return true;
    }
    if (conn.inFlight >= MAX_IN_FLIGHT) {
      sendError(
        conn,
        'realtime.too_many_pending',
        `at most ${MAX_IN_FLIGHT} messages of a connection are processed at once; wait for their acks`,
        {
          ref,
        },
      );
      return true;
    }
    return false;
  }

  function answerFailure(conn: Connection, msg: Record<string, unknown>, ref: unknown, err: unknown) {
    if (err instanceof AppError) {
      const { retryAfterSeconds: _retryAfter, ...extra } = err.extra;
      sendError(conn, err.code, err.message, { ...extra, status: err.status, ref });
      return;
    }
    log.error({ err, connectionId: conn.id, type: msg.type }, 'a realtime product message failed');
    sendError(conn, 'internal', 'the server could not process this message', { ref });
  }

  /**
   * Hands a product message to its handler without waiting for it, so the next message of the connection is read
   * meanwhile (a handler batching work sees them together); the answer goes back with the message's `ref`.
   */
  function productMessage(conn: Connection, handler: RealtimeMessageHandler, msg: Record<string, unknown>) {
    const ref = msg.ref;
    if (refused(conn, ref)) return;
    conn.inFlight++;
    let work: Promise<Record<string, unknown>>;
    try {
      work = handler.handle(deps.core().forProducts, { user: conn.user!, connectionId: conn.id }, msg);
    } catch (err) {
      work = Promise.reject(err);
    }
    const done = work
      .then(
        (result) => void send(conn, { ...result, type: 'ack', ref }),
        (err: unknown) => answerFailure(conn, msg, ref, err),
      )
      .finally(() => {
        conn.inFlight--;
        working.delete(done);
      });
    working.add(done);
  }

  /** Messages being processed finish and are answered (for a while at most) before the sockets close. */
  async function drain() {
    if (working.size === 0) return;
    const waited = Promise.allSettled([...working]);
    await Promise.race([waited, new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_GRACE_MS).unref())]);
  }

  return { productMessage, drain, handlerFor: (type: string) => deps.handlers.get(type) };
}

export type ProductMessages = ReturnType<typeof createProductMessages>;
