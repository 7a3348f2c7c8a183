import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { afterCursor, DEFAULT_PAGE_SIZE, toPage } from '../../../core/http/pagination.js';
import { requireAgent } from '../customers.js';
import { roomView } from '../rooms.js';
import { rooms } from '../schema.js';
import type { ListRoomsQuery } from '../contract.js';

/** The rooms the agent opened, newest first, with their join codes. */
export async function listRooms(core: ProductContext, user: AuthUser, query: ListRoomsQuery) {
  const agent = await requireAgent(core, user);
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await core.db
    .select()
    .from(rooms)
    .where(and(eq(rooms.agentId, agent.id), afterCursor(query.cursor, rooms.createdAt, rooms.id, 'desc')))
    .orderBy(desc(rooms.createdAt), desc(rooms.id))
    .limit(limit + 1);
  return toPage(
    rows,
    limit,
    (r) => [r.createdAt.toISOString(), r.id],
    (r) => roomView(r, { withJoinCode: true }),
  );
}
