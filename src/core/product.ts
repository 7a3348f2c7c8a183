import type { FastifyInstance } from 'fastify';
import { is, type SQL } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { ProductContext } from './product-context.js';
import type { AiTask } from './ai/tasks.js';
import type { ProductSettings } from './product-settings.js';
import type { Db } from './db/database.js';
import type { AuthUser } from './identity/access.js';
import type { FileAccessCheck } from './files/files.js';
import type { VoiceTarget } from './voice/conversation.js';
import type { WebhookEventDefinition } from './webhooks/catalog.js';

export interface RoleDefinition {
  name: string;
  /** Whether a user may take this role on themselves (a buyer), or only an admin grants it (a clerk). */
  selfAssign?: boolean;
  description?: string;
}

/** One connection joining or leaving `<kind>:<id>`. */
export interface ChannelPresenceChange {
  /** The whole channel name, `<kind>:<id>`. */
  channel: string;
  /** The part after the kind. */
  id: string;
  userId: string;
  connectionId: string;
  kind: 'join' | 'leave';
}

/** A realtime channel kind (`call`, `room` …) and who may subscribe to `<kind>:<id>`. */
export interface ChannelKind {
  kind: string;
  authorize(core: ProductContext, user: AuthUser, id: string): Promise<boolean>;
  /**
   * Called on the instance where a connection joined or left one of this kind's channels: a realtime subscribe or
   * unsubscribe, a socket closing, a connection attached by another socket route (`realtime.attach`), and the sweep
   * of connections whose process died. The user may still have other connections on the channel
   * (`core.realtime.presence`). A hook that throws is logged; the connection is not affected.
   */
  onPresence?(core: ProductContext, change: ChannelPresenceChange): Promise<void>;
}

/** Who sent a product message over the realtime WebSocket. */
export interface RealtimeSender {
  user: AuthUser;
  connectionId: string;
}

/**
 * A message a product accepts over an authenticated realtime WebSocket, `{"type":"<product>.<name>","ref":…,…}`
 * (an STT gateway streaming transcript segments, say). The gateway calls `handle` in the order the connection sent
 * its messages, without waiting for earlier ones to finish, so a handler that must keep order queues the work itself
 * before its promise settles. What it resolves to is sent back as `{"type":"ack","ref",…}`; an AppError it throws as
 * `{"type":"error","ref","code","message","status","errors"}`.
 */
export interface RealtimeMessageHandler {
  /** `<product>.<name>`. */
  type: string;
  handle(core: ProductContext, sender: RealtimeSender, message: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** Blobs held by rows of a child table that a foreign-key cascade removes with the parent row. */
export interface CascadeBlobs {
  table: PgTable;
  /** The child's column pointing at the parent. */
  foreignKey: string;
  /** The parent's column it points at (default `id`). */
  references?: string;
  /** Columns holding blob keys. */
  blobColumns?: string[];
  /** Columns holding core.files ids: those files (row and blob) go too. */
  fileColumns?: string[];
}

interface RetentionBase {
  /** Unique across the deployment; prefix it with the product (`shop.receipt_images`). */
  name: string;
  table: PgTable;
  /** The timestamp column (SQL name) age is measured from: created_at, deleted_at, last_activity_at … */
  column: string;
  days: number;
  /** Only rows that also match this condition (for example `sql`status = 'processed'``). */
  where?: SQL;
}

interface DeletingPolicy extends RetentionBase {
  /** Columns of the row holding blob keys; the blobs are deleted through the job queue. */
  blobColumns?: string[];
  /** Columns of the row holding core.files ids; those files (row and blob) are deleted too. */
  fileColumns?: string[];
  cascadeBlobs?: CascadeBlobs[];
}

/**
 * How long a table's rows live, applied by one sweeper in bounded batches:
 * `ttl` deletes rows once `column` is older than `days`; `soft-delete` does the same on a deleted-at
 * column (rows not deleted have it NULL), so `days` is the grace period; `archive` sets `archivedColumn`
 * (a boolean to true, or a timestamp to now) on rows whose last activity (`column`) is older than `days`.
 */
export type RetentionPolicy =
  | (DeletingPolicy & { kind: 'ttl' })
  | (DeletingPolicy & { kind: 'soft-delete' })
  | (RetentionBase & { kind: 'archive'; archivedColumn: string });

/** Work that runs on a cron schedule, once per occurrence across all instances. */
export interface ScheduleDefinition<C = ProductContext> {
  /** Unique across the deployment; prefix it with the product (`shop.daily-rollup`). Letters, digits, `_ . - /`. */
  name: string;
  /** Five-field cron in UTC. */
  cron: string;
  run(core: C): Promise<void>;
  /** A run longer than this counts as failed (default 900). */
  timeoutSeconds?: number;
}

/** Background work sent with `core.jobs.send(name, data)`; a failed run is retried, then kept as failed (dead letter). */
export interface JobDefinition<T = unknown, C = ProductContext> {
  /** The queue name, unique across the deployment; prefix it with the product (`shop.send-receipt`). Letters, digits, `_ . - /`. */
  name: string;
  run(core: C, data: T, job: { id: string; attempt: number }): Promise<void>;
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

/** Where a product's seed gets its demo accounts: each new one has its own generated password, listed in demo.json. */
export interface DemoAccounts {
  /**
   * The demo account with this email (created if missing) and its id. `opens` says what a newcomer finds when signed
   * in as it (`shop: …`); every product's lines for one account are listed together.
   */
  account(spec: { email: string; fullName: string; username?: string; opens?: string }): Promise<string>;
}

export type { ProductContext };

// `any` by default: the list of products holds definitions whose settings differ.
export interface ProductDefinition<S = any> {
  /** Also the product's PostgreSQL schema and its route prefix `/v1/<name>`. */
  name: string;
  /**
   * The product's own environment variables (each named `<NAME>_…`, upper case) and the settings built from them;
   * read and checked at start, then read by the product with `core.settings(<these settings>)`.
   */
  settings?: ProductSettings<S>;
  /** The product's schema module (its Drizzle tables), so the core can find encrypted columns. */
  tables?: Record<string, unknown>;
  roles?: RoleDefinition[];
  routes?: (app: FastifyInstance, core: ProductContext) => void | Promise<void>;
  channels?: ChannelKind[];
  /** Messages this product accepts over the realtime WebSocket. */
  messages?: RealtimeMessageHandler[];
  /** The conversation a live voice connection (`/v1/voice`, product = this name) binds to. */
  voice?: VoiceTarget;
  /**
   * Structured tasks this product asks of `core.ai.chat` (`defineAiTask`: schema, prompt, offline analyzer); the offline
   * provider answers each with its analyzer. A name is unique across the deployment (checked at start): it is the
   * structured-output name sent to providers and the start of the prompt version recorded (`<name>@<version>`).
   */
  aiTasks?: AiTask[];
  /** Who besides the owner and admins may read this product's files (`core.files`, product = this name). */
  fileAccess?: FileAccessCheck;
  retention?: RetentionPolicy[];
  /** Policies whose periods are the product's settings: built from them. */
  configuredRetention?(settings: S): RetentionPolicy[];
  schedules?: ScheduleDefinition[];
  jobs?: JobDefinition<any>[];
  /** The events this product sends to outbound webhook endpoints (`<product>.<subject>.<what happened>`). */
  webhookEvents?: WebhookEventDefinition<any>[];
  /** Demo data for `talkbase seed` and a first `serve --demo`; its demo accounts come from `demo` (listed in demo.json). */
  seed?: (core: ProductContext, progress: (message: string) => void, demo: DemoAccounts) => Promise<void>;
  /** Everything this product holds about the user, as plain JSON, for "export my data". */
  exportUser?: (core: ProductContext, userId: string) => Promise<unknown>;
  /**
   * Deletes what foreign-key cascades do not (files, rows without a key to the user), inside the
   * account-deletion transaction. Returns blob keys to delete once that transaction commits.
   */
  eraseUser?: (core: ProductContext, ctx: EraseContext) => Promise<{ blobKeys?: string[] } | void>;
}

const NAME = /^[a-z][a-z0-9_]{1,30}$/;

export function defineProduct<S>(definition: ProductDefinition<S>): ProductDefinition<S> {
  if (!NAME.test(definition.name)) throw new Error(`product name "${definition.name}" must match ${NAME}`);
  if (definition.name === 'core' || definition.name === 'public') throw new Error(`"${definition.name}" is reserved`);
  const prefix = `${definition.name.toUpperCase()}_`;
  for (const variable of Object.keys(definition.settings?.schema.properties ?? {})) {
    if (!variable.startsWith(prefix)) throw new Error(`setting "${variable}" of product "${definition.name}" must start with ${prefix}`);
  }
  for (const m of definition.messages ?? []) {
    if (!new RegExp(`^${definition.name}\\.[a-z][a-z0-9_]{0,40}$`).test(m.type))
      throw new Error(`realtime message type "${m.type}" must be "${definition.name}.<name>"`);
  }
  for (const e of definition.webhookEvents ?? []) {
    if (!new RegExp(`^${definition.name}\\.[a-z][a-z0-9_]{0,40}\\.[a-z][a-z0-9_]{0,40}$`).test(e.type))
      throw new Error(`webhook event type "${e.type}" must be "${definition.name}.<subject>.<what happened>"`);
  }
  return definition;
}

export function tablesOf(module: Record<string, unknown> | undefined): PgTable[] {
  return Object.values(module ?? {}).filter((v): v is PgTable => is(v, PgTable));
}
