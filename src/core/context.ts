import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Db } from './db/database.js';
import type { Crypt } from './db/encrypted-column.js';
import type { Keyring } from './crypto/keyring.js';
import type { Clock } from './time/clock.js';
import type { PasswordHasher } from './identity/passwords.js';
import type { TokenService } from './identity/tokens.js';
import type { AccountCache } from './identity/account-cache.js';
import type { Mailer } from './identity/mailer.js';
import type { ProductContext, ProductDefinition } from './product.js';
import type { BlobStore } from './files/blob-store.js';
import type { FileService } from './files/files.js';
import type { JobQueue } from './jobs/job-queue.js';
import type { Realtime } from './realtime/realtime.js';
import type { Knowledge } from './knowledge/knowledge.js';
import type { AiEngine } from './ai/engine.js';

/** What the core hands to its own modules and to every product: the ports, already built. */
export interface Core {
  config: Config;
  database: Database;
  db: Db;
  crypt: Crypt;
  keyring: Keyring;
  clock: Clock;
  log: FastifyBaseLogger;
  passwords: PasswordHasher;
  tokens: TokenService;
  /** Valid sign-ins remembered for a moment; every change to an account, its roles or its sign-ins calls `forget`. */
  accountCache: AccountCache;
  mailer: Mailer;
  products: ProductDefinition[];
  /** Where file bytes live (local directory or S3); products normally go through `files`. */
  blobs: BlobStore;
  /** Uploads, authorized downloads, signed URLs and deletion of core.files rows. */
  files: FileService;
  /** The durable job queue (pg-boss): define, send with idempotency keys, cron schedules. */
  jobs: JobQueue;
  /** Channels with stored, sequenced events and replay; presence; the WebSocket gateway. */
  realtime: Realtime;
  /** The AI engine port: chat, embed, transcribe, speak, voice training; every call timed, limited and recorded. */
  ai: AiEngine;
  /** Collections, chunks, similarity search, the semantic query cache and imports. */
  knowledge: Knowledge;
  /** The narrowed context every product hook receives instead of this whole Core. */
  readonly forProducts: ProductContext;
}
