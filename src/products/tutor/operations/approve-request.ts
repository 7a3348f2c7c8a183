import { and, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { decideRequest, linkView, lockPendingRequest, requestNotFound, tutorChannel } from '../matching.js';
import { profiles, tutorStudents } from '../schema.js';
import { studentLinkedEvent } from '../webhooks.js';
import type { ApprovedRequest, StudentLinkedEvent } from '../contract.js';

/**
 * Approval is one transaction: the request, the link, the tutor's counter and the student's notification.
 * The tutor's profile row is locked first, so concurrent approvals queue behind it and see the counter
 * the previous one left; the CHECK on the counter is the last line of defence.
 */
export async function approveRequest(core: ProductContext, tutorId: string, requestId: string): Promise<ApprovedRequest> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [tutor] = await tx.select().from(profiles).where(eq(profiles.userId, tutorId)).for('update');
    if (!tutor) throw requestNotFound();
    const pending = await lockPendingRequest(tx, tutorId, requestId);
    const [existing] = await tx
      .select()
      .from(tutorStudents)
      .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.studentId, pending.studentId)));
    const alreadyActive = existing?.status === 'active';
    if (!alreadyActive && tutor.activeStudents >= tutor.maxStudents) {
      throw new AppError('tutor.at_capacity', 409, `you already have ${tutor.maxStudents} students (max_students)`);
    }
    const now = core.clock.now();
    const request = await decideRequest(core, { tx, afterCommit }, pending, 'APPROVED', now);
    if (!alreadyActive)
      await tx
        .update(profiles)
        .set({ activeStudents: sql`${profiles.activeStudents} + 1`, updatedAt: now })
        .where(eq(profiles.userId, tutorId));
    const [link] = await tx
      .insert(tutorStudents)
      .values({ tutorId, studentId: request.studentId, status: 'active', requestId, room: null, assignedAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [tutorStudents.tutorId, tutorStudents.studentId],
        set: { status: 'active', requestId, assignedAt: now, updatedAt: now },
      })
      .returning();
    const linked: StudentLinkedEvent = { studentId: request.studentId, requestId };
    await core.realtime.publish(tutorChannel(tutorId), 'student.linked', linked, { tx, afterCommit });
    await core.webhooks.emit(tx, studentLinkedEvent, { requestId, tutorId, studentId: request.studentId, linkedAt: now.toISOString() });
    return { request, link: linkView(link!) };
  });
}
