import type { TSchema, Static } from 'typebox';
import type { Core } from './context.js';
import type { Db } from './db/database.js';
import type { TransactionScope } from './realtime/realtime.js';
import { emitWebhookEvent } from './webhooks/outbound.js';
import type { WebhookEventDefinition } from './webhooks/catalog.js';
import { emailLookup, getProfile, grantRole, type Profile } from './identity/accounts.js';
import { notify, type Notification, type NotifyInput } from './notifications/notifications.js';
import { readProductSettings, type ProductSettings } from './product-settings.js';
import type { Config } from '../config.js';

/**
 * What a product receives instead of the whole Core: its database (its encrypted columns through `crypt`), realtime,
 * jobs, files, AI, knowledge, the clock, its configuration and log, and the few account, notification and webhook
 * operations products need. Keys, password hashing, tokens, mail, the raw driver and the product list stay inside
 * the core.
 */
export interface ProductContext extends Pick<Core, 'db' | 'crypt' | 'clock' | 'log' | 'realtime' | 'jobs' | 'files' | 'ai' | 'knowledge'> {
  /** The core's configuration; a product's own settings come from `settings`. */
  config: Omit<Config, 'productEnvironment'>;
  /** The product's own settings (`defineProduct({ settings })`), read from the environment at start. */
  settings<S>(settings: ProductSettings<S, any>): S;
  accounts: {
    /** Grants one of the product's roles (its definition must allow it). */
    grantRole(userId: string, product: string, role: string): Promise<void>;
    profile(userId: string): Promise<Profile>;
    /** The blind-index values an email may be stored under (current and previous keys). */
    emailLookup(email: string): string[];
  };
  /** Stores a notification and pushes it live; inside a transaction pass its scope. */
  notify(input: NotifyInput, scope?: TransactionScope): Promise<Notification>;
  webhooks: {
    /** Queues an outbound webhook event inside the transaction `tx`: sent only if it commits. */
    emit<S extends TSchema>(tx: Db, event: WebhookEventDefinition<S>, data: Static<S>): Promise<void>;
  };
}

const contexts = new WeakMap<Core, ProductContext>();

/** The narrowed context handed to every product hook: built once per Core, frozen. */
export function productContext(core: Core): ProductContext {
  let context = contexts.get(core);
  if (!context) {
    const { db, crypt, clock, log, realtime, jobs, files, ai, knowledge } = core;
    const { productEnvironment, ...config } = core.config;
    const read = new Map<ProductSettings<any, any>, unknown>();
    context = Object.freeze({
      config: Object.freeze(config),
      settings<S>(settings: ProductSettings<S, any>): S {
        if (!read.has(settings)) read.set(settings, readProductSettings(settings, productEnvironment));
        return read.get(settings) as S;
      },
      db,
      crypt,
      clock,
      log,
      realtime,
      jobs,
      files,
      ai,
      knowledge,
      accounts: Object.freeze({
        grantRole: (userId: string, product: string, role: string) => grantRole(core, userId, product, role),
        profile: (userId: string) => getProfile(core, userId),
        emailLookup: (email: string) => emailLookup(core, email),
      }),
      notify: (input: NotifyInput, scope?: TransactionScope) => notify(core, input, scope),
      webhooks: Object.freeze({
        emit: <S extends TSchema>(tx: Db, event: WebhookEventDefinition<S>, data: Static<S>) => emitWebhookEvent(core, tx, event, data),
      }),
    });
    contexts.set(core, context);
  }
  return context;
}
