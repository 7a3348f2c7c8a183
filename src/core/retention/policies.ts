import type { Config } from '../../config.js';
import type { ProductDefinition, RetentionPolicy } from '../product.js';
import { files } from '../files/schema.js';
import { channelEventRetention } from '../realtime/channel-events.js';
import { realtimeConnectionRetention } from '../realtime/presence.js';
import { notificationRetention } from '../notifications/notifications.js';
import { systemLogRetention } from '../observability/system-logs.js';
import { jobKeyRetention } from '../jobs/job-queue.js';
import { webhookReceiptRetention } from '../webhooks/inbound.js';
import { webhookDeliveryRetention } from '../webhooks/outbound.js';
import { idempotencyKeyRetention } from '../http/idempotency.js';
import { rateLimitRetention } from '../http/rate-limit.js';
import type { OwnedPolicy } from './sweeper.js';
import { readProductSettings } from '../product-settings.js';

/** Files their owner deleted: the row and the blob go once the grace period has passed. */
export function deletedFileRetention(config: Config): RetentionPolicy {
  return {
    name: 'core.files',
    kind: 'soft-delete',
    table: files,
    column: 'deleted_at',
    days: config.files.deleteGraceDays,
    blobColumns: ['blob_key'],
  };
}

/** The core's own policies; a core module with a retention rule adds it here. */
export function corePolicies(config: Config): RetentionPolicy[] {
  return [
    deletedFileRetention(config),
    channelEventRetention,
    realtimeConnectionRetention,
    notificationRetention,
    systemLogRetention,
    jobKeyRetention,
    webhookReceiptRetention,
    webhookDeliveryRetention,
    idempotencyKeyRetention,
    rateLimitRetention,
  ];
}

/** Every policy the sweeper applies: the core's, then each enabled product's. */
export function allRetentionPolicies(config: Config, products: ProductDefinition[]): OwnedPolicy[] {
  return [
    ...corePolicies(config).map((policy) => ({ owner: 'core', policy })),
    ...products.flatMap((p) =>
      [...(p.retention ?? []), ...(configuredRetention(config, p) ?? [])].map((policy) => ({ owner: p.name, policy })),
    ),
  ];
}

function configuredRetention(config: Config, product: ProductDefinition): RetentionPolicy[] | undefined {
  if (!product.configuredRetention) return undefined;
  return product.configuredRetention(product.settings ? readProductSettings(product.settings, config.productEnvironment) : undefined);
}
