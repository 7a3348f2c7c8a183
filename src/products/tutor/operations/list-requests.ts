import type { ProductContext } from '../../../core/product.js';
import { decodeTimeCursor, DEFAULT_PAGE_SIZE, toPage } from '../../../core/http/pagination.js';
import { requestView, studentRequestsQuery, tutorRequestsQuery } from '../matching.js';
import type { ListRequestsQuery } from '../contract.js';

/** The requests a student sent, or those a tutor received in one status (default PENDING), newest first. */
export async function listRequests(core: ProductContext, userId: string, query: ListRequestsQuery) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const key = decodeTimeCursor(query.cursor);
  const after = key && { createdAt: key.at, id: key.id };
  const rows =
    query.side === 'sent'
      ? await studentRequestsQuery(core.db, userId, limit + 1, after)
      : await tutorRequestsQuery(core.db, userId, query.status ?? 'PENDING', limit + 1, after);
  return toPage(rows, limit, (r) => [r.createdAt.toISOString(), r.id], requestView);
}
