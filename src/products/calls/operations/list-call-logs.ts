import type { ProductContext } from '../../../core/product.js';
import { DEFAULT_PAGE_SIZE, toPage } from '../../../core/http/pagination.js';
import { logView, recentCallsQuery } from '../call-sessions.js';
import type { ListLogsQuery } from '../contract.js';

/** The user's recent calls, newest first. */
export async function listCallLogs(core: ProductContext, userId: string, query: ListLogsQuery) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await recentCallsQuery(core.db, userId, { limit, cursor: query.cursor });
  return toPage(rows, limit, (l) => [l.startedAt.toISOString(), l.id], logView);
}
