import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Core } from '../context.js';
import { isUuid } from '../db/ids.js';
import type { AuthUser } from '../identity/access.js';
import type { ChannelKind, ChannelPresenceChange } from '../product.js';
import type { ProductDefinition } from '../product.js';

const CHANNEL = /^([a-z][a-z0-9_]{0,31}):([A-Za-z0-9_.:-]{1,128})$/;

export interface ChannelName {
  kind: string;
  id: string;
}

export function parseChannel(channel: unknown): ChannelName | null {
  if (typeof channel !== 'string') return null;
  const match = CHANNEL.exec(channel);
  return match ? { kind: match[1]!, id: match[2]! } : null;
}

/** `user:<id>`: a user's own channel (notifications and account events), readable by that user or an admin. */
export const userChannelKind: ChannelKind = {
  kind: 'user',
  async authorize(_core, user, id) {
    return isUuid(id) && (user.id === id.toLowerCase() || user.isAdmin);
  },
};

export const userChannel = (userId: string) => `user:${userId}`;

/**
 * `<kind>:<row id>` open only to the user who owns that row (a conversation, a call, an order):
 * the row is looked up by `idColumn` and must have `ownerColumn` = the subscriber.
 */
export function ownedRowChannelKind(kind: string, idColumn: PgColumn, ownerColumn: PgColumn): ChannelKind {
  return {
    kind,
    async authorize(core, user, id) {
      if (!isUuid(id)) return false;
      const [row] = await core.db
        .select({ id: idColumn })
        .from(idColumn.table as PgTable)
        .where(and(eq(idColumn, id), eq(ownerColumn, user.id)))
        .limit(1);
      return !!row;
    },
  };
}

export type ChannelCheck =
  | { ok: true }
  | { ok: false; code: 'realtime.invalid_channel' | 'realtime.unknown_channel_kind' | 'realtime.channel_not_found'; message: string };

export interface ChannelRegistry {
  kinds(): string[];
  /** Tells the channel's kind that a connection joined or left (a no-op for kinds without `onPresence`). */
  presenceChanged(core: Core, change: Omit<ChannelPresenceChange, 'id'>): Promise<void>;
  /** Asks the channel kind, which reads the database, whether this user may follow the channel now. */
  authorize(core: Core, user: AuthUser, channel: string): Promise<ChannelCheck>;
}

/** The core's kinds plus every product's; two registrations of one kind are a startup error. */
export function createChannelRegistry(products: ProductDefinition[]): ChannelRegistry {
  const byKind = new Map<string, ChannelKind>([[userChannelKind.kind, userChannelKind]]);
  for (const product of products) {
    for (const kind of product.channels ?? []) {
      if (byKind.has(kind.kind)) throw new Error(`channel kind "${kind.kind}" of product ${product.name} is already registered`);
      if (!/^[a-z][a-z0-9_]{0,31}$/.test(kind.kind))
        throw new Error(`channel kind "${kind.kind}" of product ${product.name} must match ^[a-z][a-z0-9_]{0,31}$`);
      byKind.set(kind.kind, kind);
    }
  }
  return {
    kinds: () => [...byKind.keys()],
    async presenceChanged(core, change) {
      const name = parseChannel(change.channel);
      const hook = name && byKind.get(name.kind)?.onPresence;
      if (hook) await hook.call(byKind.get(name.kind), core.forProducts, { ...change, id: name.id });
    },
    async authorize(core, user, channel) {
      const name = parseChannel(channel);
      if (!name) return { ok: false, code: 'realtime.invalid_channel', message: 'channel must look like <kind>:<id>' };
      const kind = byKind.get(name.kind);
      if (!kind)
        return {
          ok: false,
          code: 'realtime.unknown_channel_kind',
          message: `no channel kind "${name.kind}"; known: ${[...byKind.keys()].join(', ')}`,
        };
      const allowed = await kind.authorize(core.forProducts, user, name.id);
      // Refused and non-existent look the same, as a 404 does over HTTP.
      return allowed ? { ok: true } : { ok: false, code: 'realtime.channel_not_found', message: `channel ${channel} not found` };
    },
  };
}
