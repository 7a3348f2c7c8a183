import { and, eq, inArray } from 'drizzle-orm';
import type { Core } from '../../core/context.js';
import { emailLookup, grantRole, registerAccount } from '../../core/identity/accounts.js';
import { users } from '../../core/identity/schema.js';
import { DEMO_EMAIL, DEMO_PASSWORD } from '../../core/seed.js';
import { uuidv7 } from '../../core/db/ids.js';
import { profiles, tutorRequests } from './schema.js';
import { approveRequest, PRODUCT } from './matching.js';
import { endLearningSession, startLearningSession } from './statistics.js';

const TUTORS = [
  { email: 'tutor.kim@talkbase.local', name: 'Kim Tutor', maxStudents: 5 },
  { email: 'tutor.lee@talkbase.local', name: 'Lee Tutor', maxStudents: 3 },
];
const STUDENTS = [
  { email: 'student.park@talkbase.local', name: 'Park Student' },
  { email: 'student.choi@talkbase.local', name: 'Choi Student' },
];

async function account(core: Core, email: string, name: string, password: string): Promise<string> {
  const [found] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, email)));
  if (found) return found.id;
  return (await registerAccount(core, { email, password, fullName: name }, { strengthCheck: false })).userId;
}

async function profile(core: Core, userId: string, role: 'student' | 'tutor', name: string, maxStudents = 0) {
  await grantRole(core, userId, PRODUCT, role);
  const now = core.clock.now();
  await core.db
    .insert(profiles)
    .values({
      userId,
      role,
      name: core.crypt.seal(profiles.name, userId, name),
      isAccepting: role === 'tutor',
      maxStudents,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

/**
 * Two tutors and three students (the demo account among them), linked through approved requests,
 * with a week of practice and conversation sessions whose ends fill the daily statistics.
 */
export async function seedTutor(
  core: Core,
  progress: (m: string) => void,
  seed = { password: DEMO_PASSWORD, published: true },
): Promise<void> {
  const [demo] = await core.db
    .select({ id: users.id })
    .from(users)
    .where(inArray(users.emailBlindIndex, emailLookup(core, DEMO_EMAIL)));
  if (!demo) return;
  const [existing] = await core.db.select({ id: profiles.userId }).from(profiles).where(eq(profiles.userId, demo.id));
  if (existing) return progress('tutor demo data exists');
  const tutorIds: string[] = [];
  for (const t of TUTORS) {
    const id = await account(core, t.email, t.name, seed.password);
    await profile(core, id, 'tutor', t.name, t.maxStudents);
    tutorIds.push(id);
  }
  const studentIds = [demo.id];
  await profile(core, demo.id, 'student', 'Demo Student');
  for (const s of STUDENTS) {
    const id = await account(core, s.email, s.name, seed.password);
    await profile(core, id, 'student', s.name);
    studentIds.push(id);
  }
  for (const [i, studentId] of studentIds.entries()) {
    const tutorId = tutorIds[i % tutorIds.length]!;
    const now = core.clock.now();
    const [pending] = await core.db
      .select({ id: tutorRequests.id })
      .from(tutorRequests)
      .where(and(eq(tutorRequests.studentId, studentId), eq(tutorRequests.tutorId, tutorId), eq(tutorRequests.status, 'PENDING')));
    const requestId = pending?.id ?? uuidv7();
    if (!pending)
      await core.db.insert(tutorRequests).values({
        id: requestId,
        studentId,
        tutorId,
        status: 'PENDING',
        message: 'I would like to practise speaking with you.',
        createdAt: now,
        updatedAt: now,
      });
    await approveRequest(core, tutorId, requestId);
  }
  progress(
    `${tutorIds.length} tutors and ${studentIds.length} students linked (${seed.published ? `password ${seed.password}` : 'the demo account’s password'})`,
  );
  let sessions = 0;
  const today = Date.UTC(core.clock.now().getUTCFullYear(), core.clock.now().getUTCMonth(), core.clock.now().getUTCDate());
  for (const [s, studentId] of studentIds.entries()) {
    for (let day = 7; day >= 1; day--) {
      for (let k = 0; k < 2; k++) {
        const conversation = (day + k + s) % 2 === 0;
        const at = new Date(today - day * 86_400_000 + (9 + k * 6 + s) * 3_600_000);
        const session = await startLearningSession(core, studentId, {
          sessionType: conversation ? 'conversation' : 'practice',
          timestamp: at,
        });
        const duration = 600 + ((day * 37 + k * 91 + s * 13) % 900);
        await endLearningSession(core, studentId, session.id, {
          duration,
          speakingDuration: Math.round(duration * (0.35 + ((day + s) % 4) * 0.05)),
          recordingTime: conversation ? undefined : Math.round(duration * 0.5),
          paceRatio: 0.8 + ((day + k) % 5) * 0.05,
          ...(conversation
            ? { responseLatency: 1.5 + (day % 3) * 0.5, responseQuality: 60 + ((day * 7 + s) % 35), chatTurns: 8 + (day % 5) }
            : { practiceCount: 10 + ((day + k) % 6) }),
        });
        sessions++;
      }
    }
  }
  progress(`${sessions} learning sessions over the past week added to the daily statistics`);
}
