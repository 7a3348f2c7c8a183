import { and, eq, gt, isNotNull, lte, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { inTransaction } from '../../core/db/transaction.js';
import type { ChannelKind, ChannelPresenceChange } from '../../core/product.js';
import { realtimeConnections } from '../../core/realtime/schema.js';
import { profiles, tutorStudents } from './schema.js';
import type { RoomChange, RoomName, StudentRoomEvent } from './contract.js';
import { isActiveTutorOf, tutorChannel } from './matching.js';

/** `tutor:<id>`: the tutor's dashboard, for that tutor (and admins) only. */
export const tutorChannelKind: ChannelKind = {
  kind: 'tutor',
  async authorize(core, user, id) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    if (user.isAdmin) return true;
    if (user.id !== id.toLowerCase()) return false;
    const [row] = await core.db.select({ role: profiles.role }).from(profiles).where(eq(profiles.userId, user.id));
    return row?.role === 'tutor';
  },
};

/**
 * `student:<id>`: the student's presence. The student's app subscribes while it is open; linked tutors
 * (and admins) subscribe too and get the core's presence join and leave events as the student comes and goes.
 */
export const studentChannelKind: ChannelKind = {
  kind: 'student',
  async authorize(core, user, id) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const studentId = id.toLowerCase();
    if (user.isAdmin || user.id === studentId) return true;
    return isActiveTutorOf(core, user.id, studentId);
  },
  onPresence: (core, change) => leaveRoomWhenGone(core, change),
};

/** The student's app closed (their last connection on student:<id> left): they are in no room any more. */
async function leaveRoomWhenGone(core: ProductContext, change: ChannelPresenceChange) {
  const studentId = change.id.toLowerCase();
  if (change.kind !== 'leave' || change.userId !== studentId) return;
  // A room the app announces after this moment (it came back meanwhile) is kept.
  const gone = core.clock.now();
  if ((await core.realtime.presence(change.channel)).some((m) => m.userId === studentId)) return;
  const [inRoom] = await core.db
    .select({ room: tutorStudents.room })
    .from(tutorStudents)
    .where(and(eq(tutorStudents.studentId, studentId), eq(tutorStudents.status, 'active'), isNotNull(tutorStudents.room)))
    .limit(1);
  if (inRoom) await changeRoom(core, studentId, null, { unchangedSince: gone });
}

export const studentChannel = (studentId: string) => `student:${studentId}`;

/**
 * The seed's WebSocketConnections "by tutor" pattern: the open connections of a tutor's linked students,
 * looked up per student in core.realtime_connections by user.
 */
export function tutorStudentConnectionsQuery(db: Db, tutorId: string, now: Date) {
  const open = db
    .select({ connectionId: realtimeConnections.id, connectedAt: realtimeConnections.connectedAt })
    .from(realtimeConnections)
    .where(and(eq(realtimeConnections.userId, tutorStudents.studentId), gt(realtimeConnections.expiresAt, now)))
    // A bound per student (tabs and devices); it also keeps the lookup a per-student index probe.
    .limit(50)
    .as('open');
  return db
    .select({ studentId: tutorStudents.studentId, connectionId: open.connectionId, connectedAt: open.connectedAt })
    .from(tutorStudents)
    .innerJoinLateral(open, sql`true`)
    .where(and(eq(tutorStudents.tutorId, tutorId), eq(tutorStudents.status, 'active')));
}

/**
 * The student moved (into practice, an AI conversation, or out): every linked tutor's dashboard hears it live.
 * With `unchangedSince`, only links not moved since then change (a later move wins over a late clean-up).
 */
export async function changeRoom(
  core: ProductContext,
  studentId: string,
  room: RoomName | null,
  options: { unchangedSince?: Date } = {},
): Promise<RoomChange> {
  const online = (await core.realtime.onlineUsers([studentId])).has(studentId);
  return inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    const links = await tx
      .update(tutorStudents)
      .set({ room, updatedAt: now })
      .where(
        and(
          eq(tutorStudents.studentId, studentId),
          eq(tutorStudents.status, 'active'),
          options.unchangedSince ? lte(tutorStudents.updatedAt, options.unchangedSince) : undefined,
        ),
      )
      .returning({ tutorId: tutorStudents.tutorId });
    const event: StudentRoomEvent = { studentId, room, online, updatedAt: now.toISOString() };
    for (const { tutorId } of links) await core.realtime.publish(tutorChannel(tutorId), 'student.room', event, { tx, afterCommit });
    return { room, online, tutors: links.length, updatedAt: now.toISOString() };
  });
}
