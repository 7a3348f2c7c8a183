import { and, desc, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { decodeTimeCursor, toPage, afterKey } from '../../core/http/pagination.js';
import { hasRole, type AuthUser } from '../../core/identity/access.js';
import { studentLinkedEvent } from './webhooks.js';
import { profiles, tutorRequests, tutorStudents } from './schema.js';
import type {
  Link,
  ListRequestsQuery,
  Profile,
  ProfileRole,
  RequestStatus,
  Request,
  RequestTutorBody,
  RoomName,
  SaveProfileBody,
  StudentLinkedEvent,
  StudentUnlinkedEvent,
} from './contract.js';

export const PRODUCT = 'tutor';
export const tutorChannel = (tutorId: string) => `tutor:${tutorId}`;

type ProfileRow = typeof profiles.$inferSelect;
type RequestRow = typeof tutorRequests.$inferSelect;
type LinkRow = typeof tutorStudents.$inferSelect;

const requestNotFound = () => new AppError('tutor.request_not_found', 404, 'tutor request not found');
const studentNotFound = () => new AppError('tutor.student_not_found', 404, 'student not found');

export function profileView(core: ProductContext, p: ProfileRow): Profile {
  return {
    userId: p.userId,
    role: p.role as ProfileRole,
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
    status: r.status as RequestStatus,
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
    room: l.room as RoomName | null,
    assignedAt: l.assignedAt.toISOString(),
    updatedAt: l.updatedAt.toISOString(),
  };
}

export async function findProfile(core: ProductContext, userId: string, db: Db = core.db): Promise<ProfileRow | null> {
  const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
  return row ?? null;
}

/** Creates or changes the caller's profile; the role must be one the user holds in the product (admins may take any). */
export async function saveProfile(core: ProductContext, user: AuthUser, input: SaveProfileBody) {
  if (input.role === 'admin' ? !user.isAdmin : !user.isAdmin && !hasRole(user, PRODUCT, input.role)) {
    throw new AppError('auth.forbidden', 403, `take the tutor ${input.role} role first (POST /v1/me/roles)`, {
      errors: [{ field: 'role', message: 'is not a role you hold' }],
    });
  }
  return inTransaction(core.db, async (tx) => {
    const now = core.clock.now();
    const [current] = await tx.select().from(profiles).where(eq(profiles.userId, user.id)).for('update');
    const tutor = input.role === 'tutor';
    const maxStudents = tutor ? (input.maxStudents ?? current?.maxStudents ?? 10) : 0;
    if (current && current.activeStudents > maxStudents) {
      throw new AppError(
        'tutor.capacity_below_students',
        409,
        `${current.activeStudents} students are linked; unlink some before lowering max_students`,
        {
          errors: [{ field: tutor ? 'maxStudents' : 'role', message: `must allow the ${current.activeStudents} linked students` }],
        },
      );
    }
    const values = {
      role: input.role,
      name: core.crypt.seal(profiles.name, user.id, input.name),
      isAccepting: tutor ? (input.isAccepting ?? current?.isAccepting ?? true) : false,
      maxStudents,
      updatedAt: now,
    };
    const [row] = current
      ? await tx.update(profiles).set(values).where(eq(profiles.userId, user.id)).returning()
      : await tx
          .insert(profiles)
          .values({ userId: user.id, ...values, createdAt: now })
          .returning();
    return row!;
  });
}

/** The seed's Users by role (PK role): tutors to choose from, oldest first. */
export const profilesByRoleQuery = (db: Db, role: ProfileRole, limit: number) =>
  db.select().from(profiles).where(eq(profiles.role, role)).orderBy(profiles.createdAt, profiles.userId).limit(limit);

/** A student asks a tutor who takes new students and has room; one PENDING request per pair (a unique index). */
export async function requestTutor(core: ProductContext, studentId: string, input: RequestTutorBody) {
  const student = await findProfile(core, studentId);
  if (!student || student.role !== 'student')
    throw new AppError('tutor.profile_required', 409, 'create a student profile first (PUT /v1/tutor/profile)');
  const tutor = await findProfile(core, input.tutorId);
  if (!tutor || tutor.role !== 'tutor') throw new AppError('tutor.tutor_not_found', 404, 'tutor not found');
  if (!tutor.isAccepting) throw new AppError('tutor.not_accepting', 409, 'this tutor does not take new students now');
  if (tutor.activeStudents >= tutor.maxStudents)
    throw new AppError('tutor.at_capacity', 409, `this tutor already has ${tutor.maxStudents} students`);
  const [linked] = await core.db
    .select({ s: tutorStudents.status })
    .from(tutorStudents)
    .where(and(eq(tutorStudents.tutorId, input.tutorId), eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active')));
  if (linked) throw new AppError('tutor.already_linked', 409, 'you are already this tutor’s student');
  try {
    return await inTransaction(core.db, async (tx, afterCommit) => {
      const now = core.clock.now();
      const [row] = await tx
        .insert(tutorRequests)
        .values({
          id: uuidv7(),
          studentId,
          tutorId: input.tutorId,
          status: 'PENDING',
          message: input.message ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await core.notify(
        {
          userId: input.tutorId,
          type: 'tutor_match',
          title: 'New student request',
          // Names are encrypted at rest; a notification stores plain text, so it names nobody and carries ids instead.
          message: 'A student asks to be your student',
          data: { requestId: row!.id, studentId },
        },
        { tx, afterCommit },
      );
      await core.realtime.publish(tutorChannel(input.tutorId), 'request.created', requestView(row!), { tx, afterCommit });
      return row!;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION && pgConstraint(err) === 'tutor_requests_one_pending_per_pair') {
      throw new AppError('tutor.request_pending', 409, 'a request to this tutor is already waiting');
    }
    throw err;
  }
}

/**
 * Approval is one transaction: the request, the link, the tutor's counter and the student's notification.
 * The tutor's profile row is locked first, so concurrent approvals queue behind it and see the counter
 * the previous one left; the CHECK on the counter is the last line of defence.
 */
export async function approveRequest(core: ProductContext, tutorId: string, requestId: string) {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [tutor] = await tx.select().from(profiles).where(eq(profiles.userId, tutorId)).for('update');
    const [request] = await tx
      .select()
      .from(tutorRequests)
      .where(and(eq(tutorRequests.id, requestId), eq(tutorRequests.tutorId, tutorId)))
      .for('update');
    if (!tutor || !request) throw requestNotFound();
    if (request.status !== 'PENDING') throw new AppError('tutor.request_processed', 409, `the request is already ${request.status}`);
    const [existing] = await tx
      .select()
      .from(tutorStudents)
      .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.studentId, request.studentId)));
    const alreadyActive = existing?.status === 'active';
    if (!alreadyActive && tutor.activeStudents >= tutor.maxStudents) {
      throw new AppError('tutor.at_capacity', 409, `you already have ${tutor.maxStudents} students (max_students)`);
    }
    const now = core.clock.now();
    const [approved] = await tx
      .update(tutorRequests)
      .set({ status: 'APPROVED', processedAt: now, updatedAt: now })
      .where(eq(tutorRequests.id, requestId))
      .returning();
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
    await core.notify(
      {
        userId: request.studentId,
        type: 'tutor_match',
        title: 'Tutor request approved',
        message: 'Your tutor request was approved',
        data: { requestId, tutorId },
      },
      { tx, afterCommit },
    );
    await core.realtime.publish(
      tutorChannel(tutorId),
      'student.linked',
      { studentId: request.studentId, requestId } satisfies StudentLinkedEvent,
      {
        tx,
        afterCommit,
      },
    );
    await core.webhooks.emit(tx, studentLinkedEvent, { requestId, tutorId, studentId: request.studentId, linkedAt: now.toISOString() });
    return { request: approved!, link: link! };
  });
}

export async function rejectRequest(core: ProductContext, tutorId: string, requestId: string) {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [request] = await tx
      .select()
      .from(tutorRequests)
      .where(and(eq(tutorRequests.id, requestId), eq(tutorRequests.tutorId, tutorId)))
      .for('update');
    if (!request) throw requestNotFound();
    if (request.status !== 'PENDING') throw new AppError('tutor.request_processed', 409, `the request is already ${request.status}`);
    const now = core.clock.now();
    const [rejected] = await tx
      .update(tutorRequests)
      .set({ status: 'REJECTED', processedAt: now, updatedAt: now })
      .where(eq(tutorRequests.id, requestId))
      .returning();
    await core.notify(
      {
        userId: request.studentId,
        type: 'tutor_match',
        title: 'Tutor request declined',
        message: 'The tutor cannot take you on now',
        data: { requestId, tutorId },
      },
      { tx, afterCommit },
    );
    return rejected!;
  });
}

/** Ends an active link (either side may); the tutor's place is free again at once. */
export async function unlink(core: ProductContext, tutorId: string, studentId: string) {
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
    await core.realtime.publish(tutorChannel(tutorId), 'student.unlinked', { studentId } satisfies StudentUnlinkedEvent, {
      tx,
      afterCommit,
    });
    // The tutor stops following the student's presence at once.
    afterCommit(() => core.realtime.revoke(`student:${studentId}`, tutorId));
    return ended;
  });
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

export async function listRequests(core: ProductContext, userId: string, opts: ListRequestsQuery & { limit: number }) {
  const key = decodeTimeCursor(opts.cursor);
  const after = key && { createdAt: key.at, id: key.id };
  const rows =
    opts.side === 'sent'
      ? await studentRequestsQuery(core.db, userId, opts.limit + 1, after)
      : await tutorRequestsQuery(core.db, userId, opts.status ?? 'PENDING', opts.limit + 1, after);
  return toPage(rows, opts.limit, (r) => [r.createdAt.toISOString(), r.id], requestView);
}

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
