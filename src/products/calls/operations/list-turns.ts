import { asc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { ownSession } from '../call-sessions.js';
import { turnView } from '../conversation.js';
import { turns } from '../schema.js';
import type { Turn } from '../contract.js';

/** The call's transcript, in the order it was said. */
export async function listTurns(core: ProductContext, userId: string, sessionId: string): Promise<Turn[]> {
  await ownSession(core, userId, sessionId);
  const rows = await core.db.select().from(turns).where(eq(turns.callSessionId, sessionId)).orderBy(asc(turns.seq));
  return rows.map(turnView);
}
