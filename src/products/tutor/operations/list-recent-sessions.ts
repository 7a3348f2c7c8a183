import type { ProductContext } from '../../../core/product.js';
import { sessionView, tutorSessionsQuery } from '../statistics.js';
import type { Session } from '../contract.js';

/** The tutor's linked students' sessions, newest first. */
export async function listRecentSessions(core: ProductContext, tutorId: string, limit = 50): Promise<Session[]> {
  return (await tutorSessionsQuery(core.db, tutorId, limit)).map(sessionView);
}
