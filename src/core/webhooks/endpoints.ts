import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Core } from '../context.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, type FieldError } from '../http/errors.js';
import { afterKey, decodeTimeCursor, toPage } from '../http/pagination.js';
import { ALL_EVENTS, webhookCatalog } from './catalog.js';
import { WEBHOOK_DELIVERY_JOB, type DeliveryAttemptJob } from './outbound.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.js';
import { generateWebhookSecret } from './signature.js';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookAttempts.$inferSelect;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export const URL_MAX = 2000;

const endpointNotFound = () => new AppError('webhook.endpoint_not_found', 404, 'webhook endpoint not found');
const deliveryNotFound = () => new AppError('webhook.delivery_not_found', 404, 'webhook delivery not found');

function invalid(message: string, errors: FieldError[]): AppError {
  return new AppError('validation', 400, message, { errors });
}

export function endpointView(e: EndpointRow) {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    enabled: e.enabled,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    disabledReason: e.disabledReason,
    failingSince: e.failingSince?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

function attemptView(a: AttemptRow) {
  return {
    attempt: a.attempt,
    trigger: a.trigger as 'automatic' | 'manual',
    statusCode: a.statusCode,
    latencyMs: a.latencyMs,
    error: a.error,
    attemptedAt: a.attemptedAt.toISOString(),
  };
}

export function deliveryView(d: DeliveryRow, attempts: AttemptRow[]) {
  return {
    id: d.id,
    endpointId: d.endpointId,
    messageId: d.messageId,
    eventType: d.eventType,
    status: d.status as DeliveryStatus,
    attempts: d.attempts,
    nextAttemptAt: d.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    log: attempts.map(attemptView),
  };
}

/** An http or https address without a user name or password in it, as the URL standard writes it. */
export function checkEndpointUrl(value: string): string {
  const url = value.trim();
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname)
    throw invalid('url must be an http or https URL', [{ field: 'url', message: 'must be an http:// or https:// URL' }]);
  if (parsed.username || parsed.password)
    throw invalid('url must not hold a user name or password', [
      { field: 'url', message: 'must not hold a user name or password; the signature authenticates each delivery' },
    ]);
  if (parsed.href.length > URL_MAX) throw invalid('url is too long', [{ field: 'url', message: `must be at most ${URL_MAX} characters` }]);
  return parsed.href;
}

/** Catalog event types (or `*` alone for every event), each once. */
export function checkEventTypes(core: Core, types: string[]): string[] {
  const catalog = webhookCatalog(core.products);
  const errors = types.flatMap((t, i) =>
    t === ALL_EVENTS || catalog.has(t)
      ? []
      : [{ field: `eventTypes.${i}`, message: `is not an event type; see GET /v1/admin/webhooks/event-types` }],
  );
  if (errors.length) throw invalid('eventTypes holds an unknown event type', errors);
  const unique = [...new Set(types)];
  return unique.includes(ALL_EVENTS) ? [ALL_EVENTS] : unique;
}

function checkDescription(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text.length ? text : null;
}

export interface EndpointInput {
  url: string;
  eventTypes: string[];
  description?: string | null;
}

/** Registers an endpoint; the answer holds its signing secret, which is never shown again. */
export async function createEndpoint(core: Core, adminId: string, input: EndpointInput) {
  const url = checkEndpointUrl(input.url);
  const eventTypes = checkEventTypes(core, input.eventTypes);
  const id = uuidv7();
  const secret = generateWebhookSecret();
  const now = core.clock.now();
  const [row] = await core.db
    .insert(webhookEndpoints)
    .values({
      id,
      url,
      eventTypes,
      description: checkDescription(input.description),
      secret: core.crypt.seal(webhookEndpoints.secret, id, secret),
      createdBy: adminId,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return { ...endpointView(row!), secret };
}

export async function listEndpoints(core: Core) {
  const rows = await core.db
    .select()
    .from(webhookEndpoints)
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(500);
  return rows.map(endpointView);
}

export async function getEndpoint(core: Core, id: string) {
  const [row] = await core.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
  if (!row) throw endpointNotFound();
  return endpointView(row);
}

/** Changes what is given; enabling a disabled endpoint starts it afresh (no failure streak, no reason). */
export async function updateEndpoint(core: Core, id: string, patch: Partial<EndpointInput> & { enabled?: boolean }) {
  const url = patch.url === undefined ? undefined : checkEndpointUrl(patch.url);
  const eventTypes = patch.eventTypes === undefined ? undefined : checkEventTypes(core, patch.eventTypes);
  return inTransaction(core.db, async (tx) => {
    const [current] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).for('update');
    if (!current) throw endpointNotFound();
    const now = core.clock.now();
    const enabling = patch.enabled === true && !current.enabled;
    const disabling = patch.enabled === false && current.enabled;
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        ...(url !== undefined ? { url } : {}),
        ...(eventTypes !== undefined ? { eventTypes } : {}),
        ...(patch.description !== undefined ? { description: checkDescription(patch.description) } : {}),
        ...(enabling ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null } : {}),
        ...(disabling ? { enabled: false, disabledAt: now, disabledReason: 'disabled by an admin' } : {}),
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    return endpointView(row!);
  });
}

export async function deleteEndpoint(core: Core, id: string): Promise<void> {
  const deleted = await core.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (!deleted.length) throw endpointNotFound();
}

/** A new signing secret, in use from the next attempt on; the old one stops working at once. */
export async function rotateEndpointSecret(core: Core, id: string) {
  const secret = generateWebhookSecret();
  const [row] = await core.db
    .update(webhookEndpoints)
    .set({ secret: core.crypt.seal(webhookEndpoints.secret, id, secret), updatedAt: core.clock.now() })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!row) throw endpointNotFound();
  return { ...endpointView(row), secret };
}

async function withAttempts(core: Core, rows: DeliveryRow[]) {
  const attempts = rows.length
    ? await core.db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(asc(webhookAttempts.attempt))
    : [];
  return (d: DeliveryRow) =>
    deliveryView(
      d,
      attempts.filter((a) => a.deliveryId === d.id),
    );
}

/** An endpoint's deliveries newest first, each with its attempt log. */
export async function listDeliveries(core: Core, endpointId: string, opts: { status?: DeliveryStatus; limit: number; cursor?: string }) {
  await getEndpoint(core, endpointId);
  const rows = await core.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        opts.status ? eq(webhookDeliveries.status, opts.status) : undefined,
        afterKey(webhookDeliveries.createdAt, webhookDeliveries.id, decodeTimeCursor(opts.cursor), 'desc'),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(opts.limit + 1);
  const view = await withAttempts(core, rows.slice(0, opts.limit));
  return toPage(rows, opts.limit, (r) => [r.createdAt.toISOString(), r.id], view);
}

/**
 * Sends a delivered or failed delivery once more, now, with the same webhook id (receivers drop a repeat they
 * already handled). No automatic retries follow; a delivery still being retried, or a disabled endpoint, is a 409.
 */
export async function redeliver(core: Core, endpointId: string, deliveryId: string) {
  const row = await inTransaction(core.db, async (tx) => {
    // The delivery first, then its endpoint: the order in which a delivery attempt records its outcome, so a redelivery
    // asked for while an attempt is being recorded waits for it instead of deadlocking with it.
    const [delivery] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)))
      .for('update');
    const [endpoint] = await tx.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId)).for('share');
    if (!endpoint) throw endpointNotFound();
    if (!delivery) throw deliveryNotFound();
    if (!endpoint.enabled) throw new AppError('webhook.endpoint_disabled', 409, 'the endpoint is disabled; enable it before redelivering');
    if (delivery.status === 'pending')
      throw new AppError(
        'webhook.delivery_pending',
        409,
        'the delivery is still being tried; redeliver it once it has succeeded or failed',
      );
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: core.clock.now() })
      .where(eq(webhookDeliveries.id, deliveryId))
      .returning();
    const job: DeliveryAttemptJob = { deliveryId, attempt: delivery.attempts + 1, manual: true };
    await core.jobs.send(WEBHOOK_DELIVERY_JOB, job, { tx });
    return updated!;
  });
  return (await withAttempts(core, [row]))(row);
}
