import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { requireAgent } from '../customers.js';
import { searchFaq } from '../knowledge-documents.js';
import type { SearchFaqBody, Suggestion } from '../contract.js';

/** An agent searches the FAQ with metadata filters (category, classification, keywords, price range). */
export async function searchKnowledge(core: ProductContext, user: AuthUser, search: SearchFaqBody): Promise<Suggestion[]> {
  await requireAgent(core, user);
  return searchFaq(core, search, { userId: user.id });
}
