import type { ProductContext } from '../../../core/product.js';
import type { SessionWithRecords } from '../contract.js';
import { ownSession, recordView, sessionRecords, sessionView } from '../interviews.js';

export async function getSession(core: ProductContext, userId: string, sessionId: string): Promise<SessionWithRecords> {
  const session = await ownSession(core, userId, sessionId);
  return { session: sessionView(core, session), records: (await sessionRecords(core, session.id)).map(recordView) };
}
