import type { FastifyInstance } from 'fastify';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Core } from './context.js';
import type { Db } from './db/database.js';
import type { AuthUser } from './identity/access.js';

export interface RoleDefinition {
  name: string;
  /** Whether a user may take this role on themselves (a student), or only an admin grants it (an agent). */
  selfAssign?: boolean;
  description?: string;
}

/** A realtime channel kind (`call`, `room` …) and who may subscribe to `<kind>:<id>`. */
export interface ChannelKind {
  kind: string;
  authorize(core: Core, user: AuthUser, id: string): Promise<boolean>;
}

/** How long a table's rows live: a TTL from a column, soft delete with a grace period, or archive after inactivity. */
export type RetentionPolicy =
  | { name: string; kind: 'ttl'; table: PgTable; column: string; days: number; blobColumns?: string[] }
  | { name: string; kind: 'soft-delete'; table: PgTable; column: string; days: number; blobColumns?: string[] }
  | { name: string; kind: 'archive'; table: PgTable; column: string; days: number; archivedColumn: string };

/** Work that runs on a cron schedule, once per occurrence across all instances. */
export interface ScheduleDefinition {
  /** Unique across the deployment; prefix it with the product (`tutor.daily-rollup`). Letters, digits, `_ . - /`. */
  name: string;
  /** Five-field cron in UTC. */
  cron: string;
  run(core: Core): Promise<void>;
  /** A run longer than this counts as failed (default 900). */
  timeoutSeconds?: number;
}

/** Background work sent with `core.jobs.send(name, data)`; a failed run is retried, then kept as failed (dead letter). */
export interface JobDefinition<T = unknown> {
  /** The queue name, unique across the deployment; prefix it with the product (`tutor.transcribe`). Letters, digits, `_ . - /`. */
  name: string;
  run(core: Core, data: T, job: { id: string; attempt: number }): Promise<void>;
  /** Retries after the first attempt (default 3). */
  retryLimit?: number;
  /** Seconds before a retry (default 5); doubled per attempt, with jitter, unless retryBackoff is false. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A run longer than this counts as failed and is retried (default 900). */
  timeoutSeconds?: number;
}

export interface EraseContext {
  tx: Db;
  userId: string;
}

export interface ProductDefinition {
  /** Also the product's PostgreSQL schema and its route prefix `/v1/<name>`. */
  name: string;
  /** The product's schema module (its Drizzle tables), so the core can find encrypted columns. */
  tables?: Record<string, unknown>;
  roles?: RoleDefinition[];
  routes?: (app: FastifyInstance, core: Core) => void | Promise<void>;
  channels?: ChannelKind[];
  retention?: RetentionPolicy[];
  schedules?: ScheduleDefinition[];
  jobs?: JobDefinition<any>[];
  seed?: (core: Core, progress: (message: string) => void) => Promise<void>;
  /** Everything this product holds about the user, as plain JSON, for "export my data". */
  exportUser?: (core: Core, userId: string) => Promise<unknown>;
  /**
   * Deletes what foreign-key cascades do not (files, rows without a key to the user), inside the
   * account-deletion transaction. Returns blob keys to delete once that transaction commits.
   */
  eraseUser?: (core: Core, ctx: EraseContext) => Promise<{ blobKeys?: string[] } | void>;
}

const NAME = /^[a-z][a-z0-9_]{1,30}$/;

export function defineProduct(definition: ProductDefinition): ProductDefinition {
  if (!NAME.test(definition.name)) throw new Error(`product name "${definition.name}" must match ${NAME}`);
  if (definition.name === 'core' || definition.name === 'public') throw new Error(`"${definition.name}" is reserved`);
  return definition;
}

export function tablesOf(module: Record<string, unknown> | undefined): PgTable[] {
  return Object.values(module ?? {}).filter((v): v is PgTable => is(v, PgTable));
}
