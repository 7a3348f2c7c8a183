import type { PgTable } from 'drizzle-orm/pg-core';
import * as identity from './identity/schema.js';
import * as ai from './ai/schema.js';
import * as knowledge from './knowledge/schema.js';
import * as realtime from './realtime/schema.js';
import * as notifications from './notifications/schema.js';
import * as jobs from './jobs/schema.js';
import * as webhooks from './webhooks/schema.js';
import * as observability from './observability/schema.js';
import * as files from './files/schema.js';
import * as http from './http/schema.js';
import type { ProductDefinition } from './product.js';
import { tablesOf } from './product.js';

/** Every core schema module; a core module with tables adds one line here. */
const coreModules: Record<string, unknown>[] = [
  identity,
  ai,
  knowledge,
  realtime,
  notifications,
  jobs,
  webhooks,
  observability,
  files,
  http,
];

/** All tables of the core and of the given products, for maintenance that must miss none (key rotation). */
export function allTables(products: ProductDefinition[]): PgTable[] {
  return [...coreModules.flatMap((m) => tablesOf(m)), ...products.flatMap((p) => tablesOf(p.tables))];
}
