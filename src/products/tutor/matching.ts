import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { AppError } from '../../core/http/errors.js';
import { afterKey } from '../../core/http/pagination.js';
import type { AuthUser } from '../../core/identity/access.js';
import type { TransactionScope } from '../../core/realtime/realtime.js';
import { profiles, tutorRequests, tutorStudents } from './schema.js';
import type { Link, Profile, ProfileRole, RequestStatus, Request } from './contract.js';

export const PRODUCT = 'tutor';
export const tutorChannel = (tutorId: string) => `tutor:${tutorId}`;

type ProfileRow = typeof profiles.$inferSelect;
type RequestRow = typeof tutorRequests.$inferSelect;
type LinkRow = typeof tutorStudents.$inferSelect;

export const requestNotFound = () => new AppError('tutor.request_not_found', 404, 'tutor request not found');
export const studentNotFound = () => new AppError('tutor.student_not_found', 404, 'student not found');

export function profileView(core: ProductContext, p: ProfileRow): Profile {
  return {
    userId: p.userId,
    role: p.role,
    name: core.crypt.open(profiles.name, p.userId, p.name),
    isAccepting: p.isAccepting,
    maxStudents: p.maxStudents,
    activeStudents: p.activeStudents,
    createdAt: p.createdAt.toISOString(),
  };
}

export function requestView(r: RequestRow): Request {
  return {
    id: r.id,
    studentId: r.studentId,
    tutorId: r.tutorId,
    status: r.status,
    message: r.message,
    processedAt: r.processedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function linkView(l: LinkRow): Link {
  return {
    tutorId: l.tutorId,
    studentId: l.studentId,
    status: l.status,
    requestId: l.requestId,
    room: l.room,
    assignedAt: l.assignedAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

export async function findProfile(core: ProductContext, userId: string, db: Db = core.db): Promise<ProfileRow | null> {
  const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
  return row ?? null;
}

/** The seed's Users by role (PK role): tutors to choose from, oldest first. */
export const profilesByRoleQuery = (db: Db, role: ProfileRole, limit: number) =>
  db.select().from(profiles).where(eq(profiles.role, role)).orderBy(profiles.createdAt, profiles.userId).limit(limit);

/** The tutor's request, locked until the transaction ends; only a PENDING one can be decided. */
export async function lockPendingRequest(tx: Db, tutorId: string, requestId: string): Promise<RequestRow> {
  const [request] = await tx
    .select()
    .from(tutorRequests)
    .where(and(eq(tutorRequests.id, requestId), eq(tutorRequests.tutorId, tutorId)))
    .for('update');
  if (!request) throw requestNotFound();
  if (request.status !== 'PENDING') throw new AppError('tutor.request_processed', 409, `the request is already ${request.status}`);
  return request;
}

const DECISION_NOTICES = {
  APPROVED: { title: 'Tutor request approved', message: 'Your tutor request was approved' },
  REJECTED: { title: 'Tutor request declined', message: 'The tutor cannot take you on now' },
} as const;

/** Records the tutor's decision on a locked pending request and tells the student, in the caller's transaction. */
export async function decideRequest(
  core: ProductContext,
  scope: TransactionScope,
  pending: RequestRow,
  status: keyof typeof DECISION_NOTICES,
  now: Date,
): Promise<Request> {
  const [decided] = await scope.tx
    .update(tutorRequests)
    .set({ status, processedAt: now, updatedAt: now })
    .where(eq(tutorRequests.id, pending.id))
    .returning();
  const data = { requestId: pending.id, tutorId: pending.tutorId };
  await core.notify({ userId: pending.studentId, type: 'tutor_match', ...DECISION_NOTICES[status], data }, scope);
  return requestView(decided!);
}

/** Seed pattern 1: a tutor's students (PK tutor_id). */
export const tutorStudentsQuery = (db: Db, tutorId: string) =>
  db
    .select()
    .from(tutorStudents)
    .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.status, 'active')))
    .orderBy(tutorStudents.studentId);

/** Seed pattern 2: a student's tutors (student_email-index). */
export const studentTutorsQuery = (db: Db, studentId: string) =>
  db
    .select()
    .from(tutorStudents)
    .where(and(eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active')));

/** Seed pattern 3: a tutor's requests in one status, newest first (tutor_email#status + created_at). */
export function tutorRequestsQuery(
  db: Db,
  tutorId: string,
  status: RequestStatus,
  limit: number,
  after?: { createdAt: Date; id: string } | null,
) {
  return db
    .select()
    .from(tutorRequests)
    .where(
      and(
        eq(tutorRequests.tutorId, tutorId),
        eq(tutorRequests.status, status),
        afterKey(tutorRequests.createdAt, tutorRequests.id, after && { at: after.createdAt, id: after.id }, 'desc'),
      ),
    )
    .orderBy(desc(tutorRequests.createdAt), desc(tutorRequests.id))
    .limit(limit);
}

/** A student's requests, newest first (student_email-created_at-index). */
export function studentRequestsQuery(db: Db, studentId: string, limit: number, after?: { createdAt: Date; id: string } | null) {
  return db
    .select()
    .from(tutorRequests)
    .where(
      and(
        eq(tutorRequests.studentId, studentId),
        afterKey(tutorRequests.createdAt, tutorRequests.id, after && { at: after.createdAt, id: after.id }, 'desc'),
      ),
    )
    .orderBy(desc(tutorRequests.createdAt), desc(tutorRequests.id))
    .limit(limit);
}

export const requestByIdQuery = (db: Db, id: string) => db.select().from(tutorRequests).where(eq(tutorRequests.id, id));

/**
 * Whether `viewer` may see this student's practice data, read from the database on every request:
 * the student, an admin, or a tutor with an active link. Anyone else gets the same 404 as for a
 * student who does not exist.
 */
export async function assertCanViewStudent(core: ProductContext, viewer: AuthUser, studentId: string): Promise<void> {
  if (viewer.id === studentId || viewer.isAdmin) return;
  const [link] = await core.db
    .select({ s: tutorStudents.status })
    .from(tutorStudents)
    .where(and(eq(tutorStudents.tutorId, viewer.id), eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active')));
  if (!link) throw studentNotFound();
}

export async function isActiveTutorOf(core: ProductContext, tutorId: string, studentId: string): Promise<boolean> {
  const [link] = await core.db
    .select({ s: tutorStudents.status })
    .from(tutorStudents)
    .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active')));
  return !!link;
}
