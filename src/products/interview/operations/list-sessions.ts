import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { afterCursor, DEFAULT_PAGE_SIZE, toPage } from '../../../core/http/pagination.js';
import type { ListSessionsQuery } from '../contract.js';
import { sessionView } from '../interviews.js';
import { sessions } from '../schema.js';

/** The user's sessions, newest first, optionally of one position. */
export async function listSessions(core: ProductContext, userId: string, query: ListSessionsQuery) {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const conditions = [eq(sessions.userId, userId), afterCursor(query.cursor, sessions.createdAt, sessions.id, 'desc')];
  if (query.position) conditions.push(eq(sessions.position, query.position));
  const rows = await core.db
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (s) => [s.createdAt.toISOString(), s.id],
    (s) => sessionView(core, s),
  );
}
