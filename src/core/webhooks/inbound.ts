import { sql } from 'drizzle-orm';
import { Type, type Static, type TSchema } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProductContext } from '../product-context.js';
import { rowsOf, type Db } from '../db/database.js';
import { inTransaction, type AfterCommit } from '../db/transaction.js';
import { AppError } from '../http/errors.js';
import { refuseUnstorableText } from '../http/input-text.js';
import { errorResponses } from '../http/schemas.js';
import type { RetentionPolicy } from '../product.js';
import { webhookReceipts } from './schema.js';
import { verifyWebhook, type VerifiedWebhook } from './signature.js';

/** Replays older than the 5-minute tolerance fail on their timestamp, so a week of seen ids is plenty. */
export const webhookReceiptRetention: RetentionPolicy = {
  name: 'core.webhook_receipts',
  kind: 'ttl',
  table: webhookReceipts,
  column: 'received_at',
  days: 7,
};

export interface WebhookContext {
  core: ProductContext;
  webhookId: string;
  /** The sender's `webhook-timestamp`, seconds since the epoch. */
  timestamp: number;
  /** Runs once the transaction holding the effect has committed (publish events here). */
  afterCommit: AfterCommit;
}

export interface WebhookEndpoint<S extends TSchema> {
  /** The route path, relative to the scope it is registered in (`/v1/webhooks/engine` at the root). */
  path: string;
  /** Accepted signing secrets (`whsec_…`); several while a secret is rotated. A function is read per request. */
  secrets: string[] | (() => string[]);
  /** The JSON payload, validated after the signature is checked. */
  payload: S;
  summary?: string;
  tags?: string[];
  /**
   * The effect, inside the transaction that also records the webhook id: it runs at most once per id.
   * Throwing rolls both back, answers with an error, and lets the sender retry.
   */
  handle(tx: Db, payload: Static<S>, ctx: WebhookContext): Promise<void>;
}

/** What the sender sees: 200 both times; `duplicate` is true when this webhook id had already been processed. */
export const WebhookAck = Type.Object({ received: Type.Literal(true), duplicate: Type.Boolean() });

const verifiedOf = new WeakMap<FastifyRequest, VerifiedWebhook>();

/**
 * Registers a POST route that accepts Standard Webhooks deliveries: the signature is checked against
 * the raw body bytes, the timestamp within 5 minutes of the clock, and the webhook id is recorded in
 * the same transaction as the handler's effect, so replays and concurrent duplicates have no effect
 * (they get 200 with `duplicate: true`). The route needs no bearer token.
 */
export function registerWebhookRoute<S extends TSchema>(app: FastifyInstance, core: ProductContext, endpoint: WebhookEndpoint<S>) {
  const secrets = typeof endpoint.secrets === 'function' ? endpoint.secrets : () => endpoint.secrets as string[];
  return app.register(async (scope) => {
    // The signature covers the exact bytes sent, so this scope keeps the body raw until it is verified.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.post(
      endpoint.path,
      {
        config: { public: true },
        schema: {
          tags: endpoint.tags ?? ['webhooks'],
          summary: endpoint.summary ?? 'Receive a signed webhook (Standard Webhooks)',
          description:
            'Signed with HMAC-SHA256 over `webhook-id.webhook-timestamp.body` (headers webhook-id, webhook-timestamp, webhook-signature). A webhook id is processed once; a repeat answers 200 with duplicate: true.',
          headers: Type.Object({
            'webhook-id': Type.Optional(Type.String()),
            'webhook-timestamp': Type.Optional(Type.String()),
            'webhook-signature': Type.Optional(Type.String()),
          }),
          body: endpoint.payload,
          response: { 200: WebhookAck, ...errorResponses(400, 401, 503) },
        },
        preValidation: async (request) => {
          const accepted = secrets();
          if (!accepted.length) throw new AppError('webhook.not_configured', 503, 'this webhook endpoint has no signing secret configured');
          const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
          verifiedOf.set(request, verifyWebhook({ secrets: accepted, headers: request.headers, rawBody: raw, clock: core.clock }));
          try {
            request.body = JSON.parse(raw.toString('utf8'));
          } catch {
            throw new AppError('webhook.invalid_json', 400, 'the webhook body is not JSON', {
              errors: [{ field: 'body', message: 'must be JSON' }],
            });
          }
          // Parsed here, after the signature, so the guard on parsed JSON bodies never saw it.
          refuseUnstorableText(request.body);
        },
      },
      async (request) => {
        const verified = verifiedOf.get(request)!;
        const endpointKey = request.routeOptions.url ?? endpoint.path;
        const duplicate = await inTransaction(core.db, async (tx, afterCommit) => {
          const recorded = rowsOf(
            await tx.execute(
              sql`INSERT INTO core.webhook_receipts (endpoint, webhook_id, received_at) VALUES (${endpointKey}, ${verified.id}, ${core.clock.now().toISOString()}::timestamptz) ON CONFLICT DO NOTHING RETURNING webhook_id`,
            ),
          );
          if (!recorded.length) return true;
          await endpoint.handle(tx, request.body as Static<S>, {
            core,
            webhookId: verified.id,
            timestamp: verified.timestamp,
            afterCommit,
          });
          return false;
        });
        return { received: true as const, duplicate };
      },
    );
  });
}

/** Shorthand for a typed endpoint definition, so `handle` gets the payload type from the schema. */
export function defineWebhookEndpoint<S extends TSchema>(endpoint: WebhookEndpoint<S>): WebhookEndpoint<S> {
  return endpoint;
}
