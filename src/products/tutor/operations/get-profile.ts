import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { findProfile, profileView } from '../matching.js';
import type { Profile } from '../contract.js';

export async function getProfile(core: ProductContext, userId: string): Promise<Profile> {
  const profile = await findProfile(core, userId);
  if (!profile) throw new AppError('tutor.profile_not_found', 404, 'no profile yet (PUT /v1/tutor/profile)');
  return profileView(core, profile);
}
