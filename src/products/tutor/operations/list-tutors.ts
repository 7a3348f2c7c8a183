import type { ProductContext } from '../../../core/product.js';
import { profilesByRoleQuery, profileView } from '../matching.js';
import type { Profile } from '../contract.js';

/** Tutors to choose from, oldest first, with whether they take new students and how many places are free. */
export async function listTutors(core: ProductContext, limit = 100): Promise<Profile[]> {
  return (await profilesByRoleQuery(core.db, 'tutor', limit)).map((p) => profileView(core, p));
}
