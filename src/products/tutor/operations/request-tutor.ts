import type { ProductContext } from '../../../core/product.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../../../core/db/database.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { findProfile, isActiveTutorOf, requestView, tutorChannel } from '../matching.js';
import { tutorRequests } from '../schema.js';
import type { Request, RequestTutorBody } from '../contract.js';

/** A student asks a tutor who takes new students and has room; one PENDING request per pair (a unique index). */
export async function requestTutor(core: ProductContext, studentId: string, input: RequestTutorBody): Promise<Request> {
  const student = await findProfile(core, studentId);
  if (!student || student.role !== 'student')
    throw new AppError('tutor.profile_required', 409, 'create a student profile first (PUT /v1/tutor/profile)');
  const tutor = await findProfile(core, input.tutorId);
  if (!tutor || tutor.role !== 'tutor') throw new AppError('tutor.tutor_not_found', 404, 'tutor not found');
  if (!tutor.isAccepting) throw new AppError('tutor.not_accepting', 409, 'this tutor does not take new students now');
  if (tutor.activeStudents >= tutor.maxStudents)
    throw new AppError('tutor.at_capacity', 409, `this tutor already has ${tutor.maxStudents} students`);
  if (await isActiveTutorOf(core, input.tutorId, studentId))
    throw new AppError('tutor.already_linked', 409, 'you are already this tutor’s student');
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
      const request = requestView(row!);
      await core.notify(
        {
          userId: input.tutorId,
          type: 'tutor_match',
          title: 'New student request',
          // Names are encrypted at rest; a notification stores plain text, so it names nobody and carries ids instead.
          message: 'A student asks to be your student',
          data: { requestId: request.id, studentId },
        },
        { tx, afterCommit },
      );
      await core.realtime.publish(tutorChannel(input.tutorId), 'request.created', request, { tx, afterCommit });
      return request;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION && pgConstraint(err) === 'tutor_requests_one_pending_per_pair') {
      throw new AppError('tutor.request_pending', 409, 'a request to this tutor is already waiting');
    }
    throw err;
  }
}
