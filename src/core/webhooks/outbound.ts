import { and, eq, isNotNull, lte, sql } from 'drizzle-orm';
import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Core } from '../context.js';
import type { Db } from '../db/database.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/transaction.js';
import type { JobDefinition, RetentionPolicy } from '../product.js';
import { users } from '../identity/schema.js';
import { notify } from '../notifications/notifications.js';
import type { TransactionScope } from '../realtime/realtime.js';
import { VERSION } from '../../version.js';
import { ALL_EVENTS, webhookCatalog, type WebhookEventDefinition } from './catalog.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.js';
import { webhookHeaders } from './signature.js';

export const WEBHOOK_DELIVERY_JOB = 'core.webhook-delivery';

/** The longest wait between two attempts, however many retries came before. */
export const MAX_RETRY_DELAY_SECONDS = 6 * 3600;

/** Deliveries and their attempt log are kept this long. */
export const webhookDeliveryRetention: RetentionPolicy = {
  name: 'core.webhook_deliveries',
  kind: 'ttl',
  table: webhookDeliveries,
  column: 'created_at',
  days: 30,
};

/** One attempt of one delivery; `manual` when an admin asked for it (no automatic retries follow). */
export interface DeliveryAttemptJob {
  deliveryId: string;
  attempt: number;
  manual?: boolean;
}

/** Seconds before automatic retry `n` (1 = the first retry): doubling from `retrySeconds`, at most 6 hours. */
export function retryDelaySeconds(config: Core['config']['webhooks'], n: number): number {
  return Math.min(MAX_RETRY_DELAY_SECONDS, config.retrySeconds * 2 ** Math.min(n - 1, 30));
}

/**
 * Queues an event for every enabled endpoint that takes its type, inside the caller's transaction: the
 * deliveries and their jobs exist only if it commits. A payload that does not match its schema is logged and
 * not sent, so a mistake in an event never fails the user's own request.
 */
export async function emitWebhookEvent<S extends TSchema>(
  core: Core,
  tx: Db,
  event: WebhookEventDefinition<S>,
  data: Static<S>,
): Promise<void> {
  // Only enabled products' events are in the catalog, and no endpoint can take another.
  if (!webhookCatalog(core.products).has(event.type)) return;
  if (!Value.Check(event.payload, data)) {
    const first = [...Value.Errors(event.payload, data)][0];
    core.log.error(
      { eventType: event.type, at: first?.instancePath, problem: first?.message },
      'webhook event payload does not match its schema',
    );
    return;
  }
  const endpoints = await tx
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.enabled, true), sql`${webhookEndpoints.eventTypes} && ARRAY[${event.type}, ${ALL_EVENTS}]::text[]`));
  if (!endpoints.length) return;
  const now = core.clock.now();
  const messageId = `msg_${uuidv7()}`;
  const body = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data });
  for (const endpoint of endpoints) {
    const id = uuidv7();
    await tx.insert(webhookDeliveries).values({
      id,
      endpointId: endpoint.id,
      messageId,
      eventType: event.type,
      payload: core.crypt.seal(webhookDeliveries.payload, id, body),
      nextAttemptAt: now,
      createdAt: now,
    });
    await core.jobs.send(WEBHOOK_DELIVERY_JOB, { deliveryId: id, attempt: 1 } satisfies DeliveryAttemptJob, { tx });
  }
}

interface Outcome {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** Posts the body, signed per Standard Webhooks; a 2xx answer is a success, anything else (redirects too) a failure. */
async function post(core: Core, url: string, secret: string, messageId: string, body: string): Promise<Outcome> {
  const timestamp = Math.floor(core.clock.now().getTime() / 1000);
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': `Talkbase-Webhooks/${VERSION}`,
        ...webhookHeaders(secret, messageId, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(core.config.webhooks.timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { statusCode: res.status, latencyMs: latency(), error: ok ? null : `the endpoint answered ${res.status}` };
  } catch (err) {
    return { statusCode: null, latencyMs: latency(), error: failureText(err, core.config.webhooks.timeoutMs) };
  }
}

function failureText(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `could not connect: ${cause ?? e?.message ?? String(err)}`.slice(0, 500);
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** Makes one attempt: skipped when it was already made or the delivery is no longer waiting for it. */
export async function runDeliveryAttempt(core: Core, job: DeliveryAttemptJob): Promise<void> {
  const [row] = await core.db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, job.deliveryId));
  if (!row || row.delivery.status !== 'pending' || row.delivery.attempts >= job.attempt) return;
  if (!row.endpoint.enabled) {
    await core.db
      .update(webhookDeliveries)
      .set({ status: 'failed', nextAttemptAt: null, lastError: 'not sent: the endpoint is disabled' })
      .where(and(eq(webhookDeliveries.id, job.deliveryId), eq(webhookDeliveries.status, 'pending')));
    return;
  }
  const secret = core.crypt.open(webhookEndpoints.secret, row.endpoint.id, row.endpoint.secret);
  const body = core.crypt.open(webhookDeliveries.payload, row.delivery.id, row.delivery.payload);
  const outcome = await post(core, row.endpoint.url, secret, row.delivery.messageId, body);
  await inTransaction(core.db, (tx, afterCommit) => recordAttempt(core, { tx, afterCommit }, row.endpoint, job, outcome));
}

async function recordAttempt(core: Core, scope: TransactionScope, endpoint: EndpointRow, job: DeliveryAttemptJob, outcome: Outcome) {
  const { tx } = scope;
  const [delivery] = await tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, job.deliveryId)).for('update');
  // A concurrent run of the same attempt recorded it first.
  if (!delivery || delivery.attempts >= job.attempt) return;
  const now = core.clock.now();
  await tx.insert(webhookAttempts).values({
    id: uuidv7(),
    deliveryId: delivery.id,
    attempt: job.attempt,
    trigger: job.manual ? 'manual' : 'automatic',
    statusCode: outcome.statusCode,
    latencyMs: outcome.latencyMs,
    error: outcome.error,
    attemptedAt: now,
  });
  const result = { attempts: job.attempt, lastStatusCode: outcome.statusCode, lastError: outcome.error };
  if (!outcome.error) {
    await tx
      .update(webhookDeliveries)
      .set({ ...result, status: 'delivered', deliveredAt: now, nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, delivery.id));
    await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
    return;
  }
  await tx
    .update(webhookEndpoints)
    .set({ failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)` })
    .where(eq(webhookEndpoints.id, endpoint.id));
  const retries = core.config.webhooks.retries;
  if (!job.manual && job.attempt <= retries) {
    const delay = retryDelaySeconds(core.config.webhooks, job.attempt);
    await tx
      .update(webhookDeliveries)
      .set({ ...result, nextAttemptAt: new Date(now.getTime() + delay * 1000) })
      .where(eq(webhookDeliveries.id, delivery.id));
    const next: DeliveryAttemptJob = { deliveryId: delivery.id, attempt: job.attempt + 1 };
    await core.jobs.send(WEBHOOK_DELIVERY_JOB, next, { tx, startAfter: delay });
    return;
  }
  await tx
    .update(webhookDeliveries)
    .set({ ...result, status: 'failed', nextAttemptAt: null })
    .where(eq(webhookDeliveries.id, delivery.id));
  if (!job.manual) await disableIfFailingThroughout(core, scope, delivery, job.attempt);
}

/**
 * A delivery gave up after its last retry: when no attempt to the endpoint has succeeded since this delivery's
 * first one, the endpoint is disabled (its receiver has been failing for the whole retry schedule) and every
 * admin is told. A receiver that fails only some events keeps succeeding in between and stays enabled.
 */
async function disableIfFailingThroughout(core: Core, scope: TransactionScope, delivery: DeliveryRow, attempts: number) {
  const { tx } = scope;
  const [first] = await tx
    .select({ at: webhookAttempts.attemptedAt })
    .from(webhookAttempts)
    .where(and(eq(webhookAttempts.deliveryId, delivery.id), eq(webhookAttempts.attempt, 1)));
  if (!first) return;
  const now = core.clock.now();
  const reason = `every attempt since ${first.at.toISOString()} failed; the last delivery gave up after ${attempts} attempts`;
  const [disabled] = await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledAt: now, disabledReason: reason, updatedAt: now })
    .where(
      and(
        eq(webhookEndpoints.id, delivery.endpointId),
        eq(webhookEndpoints.enabled, true),
        isNotNull(webhookEndpoints.failingSince),
        lte(webhookEndpoints.failingSince, first.at),
      ),
    )
    .returning();
  if (!disabled) return;
  core.log.warn({ endpointId: disabled.id }, 'webhook endpoint disabled after repeated failure');
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.isAdmin, true), eq(users.isActive, true)));
  for (const admin of admins) {
    await notify(
      core,
      {
        userId: admin.id,
        type: 'webhook_endpoint_disabled',
        title: 'Webhook endpoint disabled',
        message: `Deliveries to ${disabled.url} kept failing, so it receives no more events. Fix the receiver, enable the endpoint again and redeliver what failed.`,
        data: { endpointId: disabled.id, url: disabled.url, reason },
      },
      scope,
    );
  }
}

/** Sends one attempt: the first of each delivery, every automatic retry and every redelivery by hand. */
export const webhookDeliveryJob: JobDefinition<DeliveryAttemptJob, Core> = {
  name: WEBHOOK_DELIVERY_JOB,
  // Retries of the job itself are for a process that died mid-attempt; a failed delivery schedules its own retry.
  retryLimit: 3,
  retryDelay: 5,
  retryBackoff: true,
  timeoutSeconds: 120,
  run: (core, data) => runDeliveryAttempt(core, data),
};
