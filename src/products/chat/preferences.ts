import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { preferences } from './schema.js';
import type { Preferences, PreferencesBody } from './contract.js';

export function preferencesView(p: typeof preferences.$inferSelect | undefined): Preferences {
  return {
    preferredPersona: p?.preferredPersona ?? null,
    avatarCustomization: (p?.avatarCustomization ?? {}) as Preferences['avatarCustomization'],
    voiceEnabled: p?.voiceEnabled ?? false,
    theme: (p?.theme ?? 'light') as Preferences['theme'],
    language: p?.language ?? 'en',
    updatedAt: p?.updatedAt.toISOString() ?? null,
  };
}

/** The user's preferences, or the defaults until they change one. */
export async function readPreferences(core: ProductContext, userId: string): Promise<Preferences> {
  const [row] = await core.db.select().from(preferences).where(eq(preferences.userId, userId));
  return preferencesView(row);
}

export async function savePreferences(core: ProductContext, userId: string, changes: PreferencesBody): Promise<Preferences> {
  const now = core.clock.now();
  const [row] = await core.db
    .insert(preferences)
    .values({ userId, ...changes, updatedAt: now })
    .onConflictDoUpdate({ target: preferences.userId, set: { ...changes, updatedAt: now } })
    .returning();
  return preferencesView(row);
}
