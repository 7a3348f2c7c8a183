import type { ProductContext } from '../../../core/product.js';
import { getPersona } from '../personas.js';
import { savePreferences } from '../preferences.js';
import type { Preferences, PreferencesBody } from '../contract.js';

/** Changes the fields given; a preferred persona must exist. */
export async function updatePreferences(core: ProductContext, userId: string, changes: PreferencesBody): Promise<Preferences> {
  if (changes.preferredPersona) await getPersona(core, changes.preferredPersona);
  return savePreferences(core, userId, changes);
}
