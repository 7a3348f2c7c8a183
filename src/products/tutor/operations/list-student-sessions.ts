import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { assertCanViewStudent } from '../matching.js';
import { sessionView, studentSessionsQuery } from '../statistics.js';
import type { Session, SessionsQuery } from '../contract.js';

/** A student's sessions in a time range, newest first. */
export async function listStudentSessions(
  core: ProductContext,
  viewer: AuthUser,
  studentId: string,
  query: SessionsQuery,
): Promise<Session[]> {
  await assertCanViewStudent(core, viewer, studentId);
  const rows = await studentSessionsQuery(core.db, studentId, {
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    limit: query.limit ?? 50,
  });
  return rows.map(sessionView);
}
