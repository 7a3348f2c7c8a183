import { inArray } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { tutorStudentsQuery } from '../matching.js';
import { profiles } from '../schema.js';
import type { DashboardStudent } from '../contract.js';

/** The tutor's dashboard: each linked student with the room they are in and whether they are connected now. */
export async function studentDashboard(core: ProductContext, tutorId: string): Promise<DashboardStudent[]> {
  const links = await tutorStudentsQuery(core.db, tutorId);
  const ids = links.map((l) => l.studentId);
  const online = await core.realtime.onlineUsers(ids);
  const names = ids.length
    ? await core.db.select({ userId: profiles.userId, name: profiles.name }).from(profiles).where(inArray(profiles.userId, ids))
    : [];
  const nameOf = new Map(names.map((n) => [n.userId, core.crypt.open(profiles.name, n.userId, n.name)]));
  return links.map((l) => ({
    studentId: l.studentId,
    name: nameOf.get(l.studentId) ?? null,
    // A room is only where a connected student is (a process that died leaves its last room behind until the sweep).
    room: online.has(l.studentId) ? l.room : null,
    online: online.has(l.studentId),
    assignedAt: l.assignedAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  }));
}
