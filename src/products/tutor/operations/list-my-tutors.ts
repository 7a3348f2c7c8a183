import type { ProductContext } from '../../../core/product.js';
import { linkView, studentTutorsQuery } from '../matching.js';
import type { Link } from '../contract.js';

export async function listMyTutors(core: ProductContext, studentId: string): Promise<Link[]> {
  return (await studentTutorsQuery(core.db, studentId)).map(linkView);
}
