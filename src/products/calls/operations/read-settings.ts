import type { ProductContext } from '../../../core/product.js';
import { getSettings, settingsView } from '../settings.js';
import type { Settings } from '../contract.js';

/** The user's call settings, created with the defaults on first use. */
export async function readSettings(core: ProductContext, userId: string): Promise<Settings> {
  return settingsView(await getSettings(core, userId));
}
