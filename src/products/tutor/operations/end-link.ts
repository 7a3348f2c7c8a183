import { and, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { linkView, tutorChannel } from '../matching.js';
import { studentChannel } from '../presence.js';
import { profiles, tutorStudents } from '../schema.js';
import type { Link, StudentUnlinkedEvent } from '../contract.js';

/** Ends an active link (the tutor stops tutoring, or the student leaves); the tutor's place is free again at once. */
export async function endLink(core: ProductContext, tutorId: string, studentId: string): Promise<Link> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    await tx.select({ id: profiles.userId }).from(profiles).where(eq(profiles.userId, tutorId)).for('update');
    const now = core.clock.now();
    const [ended] = await tx
      .update(tutorStudents)
      .set({ status: 'inactive', room: null, updatedAt: now })
      .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active')))
      .returning();
    if (!ended) throw new AppError('tutor.link_not_found', 404, 'no active tutor–student link');
    await tx
      .update(profiles)
      .set({ activeStudents: sql`${profiles.activeStudents} - 1`, updatedAt: now })
      .where(eq(profiles.userId, tutorId));
    const unlinked: StudentUnlinkedEvent = { studentId };
    await core.realtime.publish(tutorChannel(tutorId), 'student.unlinked', unlinked, { tx, afterCommit });
    // The tutor stops following the student's presence at once.
    afterCommit(() => core.realtime.revoke(studentChannel(studentId), tutorId));
    return linkView(ended);
  });
}
