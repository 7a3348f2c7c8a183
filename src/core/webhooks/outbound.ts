import type { Core } from '../context.js';
import { uuidv7 } from '../db/ids.js';
import type { SendOptions } from '../jobs/job-queue.js';
import type { JobDefinition } from '../product.js';
import { webhookHeaders } from './signature.js';

export const WEBHOOK_DELIVERY_JOB = 'core.webhook-delivery';

const DELIVERY_TIMEOUT_MS = 10_000;

export interface WebhookDelivery {
  /** The webhook id, the same on every attempt so the receiver can drop repeats. */
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

/**
 * Posts one event to the deployment's webhook endpoint (TALKBASE_WEBHOOK_URL), signed per Standard
 * Webhooks; any answer but 2xx fails the attempt and the job queue retries it with backoff.
 */
export const webhookDeliveryJob: JobDefinition<WebhookDelivery> = {
  name: WEBHOOK_DELIVERY_JOB,
  retryLimit: 8,
  retryDelay: 5,
  retryBackoff: true,
  timeoutSeconds: 60,
  async run(core, delivery) {
    const target = core.config.outboundWebhook;
    if (!target) return;
    const body = JSON.stringify({ type: delivery.type, timestamp: delivery.createdAt, data: delivery.data });
    const timestamp = Math.floor(core.clock.now().getTime() / 1000);
    const res = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Talkbase-Webhooks',
        ...webhookHeaders(target.secret, delivery.id, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) throw new Error(`webhook endpoint answered ${res.status}`);
  },
};

/**
 * Queues an event for the deployment's webhook endpoint; returns the webhook id, or null when no
 * endpoint is configured (or the idempotency key was used before). Pass `tx` to send only if it commits.
 */
export async function sendWebhook(core: Core, event: { type: string; data: unknown }, opts: SendOptions = {}): Promise<string | null> {
  if (!core.config.outboundWebhook) return null;
  const delivery: WebhookDelivery = {
    id: `msg_${uuidv7()}`,
    type: event.type,
    createdAt: core.clock.now().toISOString(),
    data: event.data,
  };
  const jobId = await core.jobs.send(WEBHOOK_DELIVERY_JOB, delivery, opts);
  return jobId ? delivery.id : null;
}
