import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { afterCursor, DEFAULT_PAGE_SIZE, toPage } from '../../../core/http/pagination.js';
import { sessionView } from '../call-sessions.js';
import { sessions } from '../schema.js';
import type { ListCallsQuery } from '../contract.js';

/** The user's calls, newest first, optionally in one state (index call_sessions_user_status_created_idx). */
export async function listCalls(core: ProductContext, userId: string, query: ListCallsQuery) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await core.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        query.status ? eq(sessions.status, query.status) : undefined,
        afterCursor(query.cursor, sessions.createdAt, sessions.id, 'desc'),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (s) => [s.createdAt.toISOString(), s.id],
    (s) => sessionView(core, s),
  );
}
