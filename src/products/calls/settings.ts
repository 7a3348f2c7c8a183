import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { settings } from './schema.js';
import type { Settings } from './contract.js';

export type SettingsRow = typeof settings.$inferSelect;

export function settingsView(s: SettingsRow): Settings {
  return { callTimeoutSeconds: s.callTimeoutSeconds, notificationEnabled: s.notificationEnabled, updatedAt: s.updatedAt.toISOString() };
}

/** The user's call settings, created with the defaults on first use (accounts have no product hook at sign-up). */
export async function getSettings(core: ProductContext, userId: string, db: Db = core.db): Promise<SettingsRow> {
  const [existing] = await db.select().from(settings).where(eq(settings.userId, userId));
  if (existing) return existing;
  const now = core.clock.now();
  await db.insert(settings).values({ userId, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.userId, userId));
  return row!;
}
