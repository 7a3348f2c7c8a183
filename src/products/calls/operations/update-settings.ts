import { eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { getSettings, settingsView } from '../settings.js';
import { settings } from '../schema.js';
import type { Settings, UpdateSettingsBody } from '../contract.js';

/** Changes the fields given; the row is created with the defaults first if the user has none yet. */
export async function updateSettings(core: ProductContext, userId: string, patch: UpdateSettingsBody): Promise<Settings> {
  await getSettings(core, userId);
  const [row] = await core.db
    .update(settings)
    .set({ ...patch, updatedAt: core.clock.now() })
    .where(eq(settings.userId, userId))
    .returning();
  return settingsView(row!);
}
