import type { TSchema } from 'typebox';
import type { ProductDefinition } from '../product.js';

/**
 * An event a product sends to outbound webhook endpoints. `type` is `<product>.<subject>.<what happened>`
 * (`shop.order.paid`); the payload carries ids and facts, never a person's own words or details.
 */
export interface WebhookEventDefinition<S extends TSchema = TSchema> {
  type: string;
  /** One line for the catalog and the console. */
  summary: string;
  payload: S;
}

/** Shorthand that keeps the payload's type, so `emitWebhookEvent` checks what a product sends against it. */
export function defineWebhookEvent<S extends TSchema>(event: WebhookEventDefinition<S>): WebhookEventDefinition<S> {
  return event;
}

/** Matches every event type when it stands alone in an endpoint's list. */
export const ALL_EVENTS = '*';

const catalogs = new WeakMap<ProductDefinition[], Map<string, WebhookEventDefinition & { product: string }>>();

/** Every event type of the enabled products, by type, in product order. */
export function webhookCatalog(products: ProductDefinition[]): Map<string, WebhookEventDefinition & { product: string }> {
  let catalog = catalogs.get(products);
  if (!catalog) {
    catalog = new Map();
    for (const product of products)
      for (const event of product.webhookEvents ?? []) catalog.set(event.type, { ...event, product: product.name });
    catalogs.set(products, catalog);
  }
  return catalog;
}
