import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler, RouteHandlerMethod } from 'fastify';
import type { Database, Db } from '../db/database.js';
import type { RetentionPolicy } from '../product.js';
import { AppError } from './errors.js';
import { idempotencyKeys } from './schema.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const IDEMPOTENCY_KEY_MAX = 200;

/** Writes that need a token take the header: a key belongs to the account that sent it. */
export const honoursIdempotencyKey = (method: string, isPublic: boolean) => WRITES.has(method) && !isPublic;

/** Keys are remembered a day; a key reused later is a new request. */
export const idempotencyKeyRetention: RetentionPolicy = {
  name: 'core.idempotency_keys',
  kind: 'ttl',
  table: idempotencyKeys,
  column: 'created_at',
  days: 1,
};

interface KeyContext {
  userId: string;
  key: string;
  hash: string;
  /** The key row was written in a committed transaction of this request. */
  recorded: boolean;
  /** False once the answer is out: work the request left behind (timers, jobs) is not part of it. */
  active: boolean;
}

const current = new AsyncLocalStorage<KeyContext>();
const contexts = new WeakMap<FastifyRequest, KeyContext>();

const inProgress = () =>
  new AppError(
    'idempotency.in_progress',
    409,
    'a request with this Idempotency-Key is still running, or was interrupted after its changes were saved; retry shortly, or read the resource',
    { retryAfterSeconds: 1 },
  );

/**
 * `Idempotency-Key` on every authenticated write (POST, PUT, PATCH, DELETE): the first request with a key runs, and
 * its answer is stored and replayed (with `Idempotent-Replayed: true`) to any later request of the same account with
 * the same key; the same key with a different request is a 422. The key is recorded inside the request's first
 * committed transaction, so a request whose changes committed can never run a second time, even when the process died
 * before it answered (a retry then gets 409 `idempotency.in_progress` and reads the resource instead).
 */
export function registerIdempotencyKeys(app: FastifyInstance, database: Database): void {
  patchTransactions(database.db);

  const check: preHandlerHookHandler = async function (request, reply) {
    const raw = request.headers['idempotency-key'];
    if (raw === undefined || !request.user) return;
    const key = Array.isArray(raw) ? raw[0]! : raw;
    if (key.length === 0 || key.length > IDEMPOTENCY_KEY_MAX)
      throw new AppError('validation', 400, `Idempotency-Key must be 1-${IDEMPOTENCY_KEY_MAX} characters`, {
        errors: [{ field: 'Idempotency-Key', message: `must be 1-${IDEMPOTENCY_KEY_MAX} characters` }],
      });
    const userId = request.user.id;
    const hash = requestHash(request);
    const [row] = await database.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
    if (!row) {
      contexts.set(request, { userId, key, hash, recorded: false, active: true });
      return;
    }
    if (row.requestHash !== hash)
      throw new AppError('idempotency.key_reused', 422, 'this Idempotency-Key was used for a different request', {
        errors: [{ field: 'Idempotency-Key', message: 'was used for a different request' }],
      });
    if (row.status === null) throw inProgress();
    return replay(reply, row);
  };

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.some((m) => honoursIdempotencyKey(m, route.config?.public === true))) return;
    // Route-level, so it runs after the application's hooks, authentication included.
    const existing = route.preHandler ? (Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler]) : [];
    route.preHandler = [...existing, check];
    const handler = route.handler as RouteHandlerMethod;
    route.handler = function (this: FastifyInstance, request, reply) {
      const ctx = contexts.get(request);
      return ctx ? current.run(ctx, () => handler.call(this, request, reply)) : handler.call(this, request, reply);
    } as RouteHandlerMethod;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const ctx = contexts.get(request);
    if (!ctx || !ctx.active) return payload;
    ctx.active = false;
    const status = reply.statusCode;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    const contentType = String(reply.getHeader('content-type') ?? '') || null;
    try {
      if (ctx.recorded) {
        await database.db
          .update(idempotencyKeys)
          .set({ status, body, contentType })
          .where(and(eq(idempotencyKeys.userId, ctx.userId), eq(idempotencyKeys.key, ctx.key)));
      } else if (status < 500 && status !== 429) {
        // Nothing was written in a transaction (a refusal, or a write on its own): remember the answer all the same.
        await database.db
          .insert(idempotencyKeys)
          .values({ userId: ctx.userId, key: ctx.key, requestHash: ctx.hash, status, body, contentType })
          .onConflictDoNothing();
      }
    } catch (err) {
      request.log.warn({ err }, 'could not store the answer of an idempotent request');
    }
    return payload;
  });
}

function replay(reply: FastifyReply, row: typeof idempotencyKeys.$inferSelect) {
  reply.header('idempotent-replayed', 'true');
  if (row.body === null)
    throw new AppError('idempotency.replay_unavailable', 409, 'this Idempotency-Key was used; its streamed answer is not stored');
  if (row.contentType) reply.type(row.contentType);
  return reply.status(row.status!).send(row.body);
}

function requestHash(request: FastifyRequest): string {
  const body = request.body;
  const shown = body === undefined || body === null || typeof body === 'object' ? JSON.stringify(body ?? null) : String(body);
  // Streamed bodies (uploads) are not read here: their key covers the route and query only.
  const streamed =
    body !== null && typeof body === 'object' && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function';
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${streamed ? '(stream)' : shown}`)
    .digest('base64url');
}

/** Every top-level transaction of a request with a key writes the key row just before it commits (once). */
function patchTransactions(db: Db): void {
  const patched = db as Db & { __idempotencyKeys?: true };
  if (patched.__idempotencyKeys) return;
  patched.__idempotencyKeys = true;
  const original = db.transaction.bind(db) as Db['transaction'];
  (db as { transaction: Db['transaction'] }).transaction = ((work, config) =>
    original(async (tx) => {
      const result = await work(tx);
      const ctx = current.getStore();
      if (ctx?.active && !ctx.recorded) {
        const inserted = await tx.execute(
          sql`INSERT INTO core.idempotency_keys (user_id, key, request_hash) VALUES (${ctx.userId}, ${ctx.key}, ${ctx.hash}) ON CONFLICT DO NOTHING RETURNING key`,
        );
        if (!(inserted as unknown as { rows: unknown[] }).rows.length) throw inProgress();
        ctx.recorded = true;
      }
      return result;
    }, config)) as Db['transaction'];
}
