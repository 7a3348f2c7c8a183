import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { DemoAccounts } from '../../core/product.js';
import { DEMO_EMAIL } from '../../core/seed.js';
import { uuidv7 } from '../../core/db/ids.js';
import { profiles, tutorRequests } from './schema.js';
import { PRODUCT } from './matching.js';
import { approveRequest } from './operations/approve-request.js';
import { endSession } from './operations/end-session.js';
import { startSession } from './operations/start-session.js';

const TUTORS = [
  { email: 'tutor.kim@talkbase.local', name: 'Kim Tutor', maxStudents: 5 },
  { email: 'tutor.lee@talkbase.local', name: 'Lee Tutor', maxStudents: 3 },
];
const STUDENTS = [
  { email: 'student.park@talkbase.local', name: 'Park Student' },
  { email: 'student.choi@talkbase.local', name: 'Choi Student' },
];
/** The demo account is the first student, so the first tutor has it among hers. */
const DEMO_STUDENT = { email: DEMO_EMAIL, name: 'Demo Student' };

async function profile(core: ProductContext, userId: string, role: 'student' | 'tutor', name: string, maxStudents = 0) {
  await core.accounts.grantRole(userId, PRODUCT, role);
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

/** Each student's tutor (round robin), and what each demo account opens on the tutor side. */
function pairing() {
  const students = [DEMO_STUDENT, ...STUDENTS];
  const tutorOf = students.map((_, i) => TUTORS[i % TUTORS.length]!);
  const opens = new Map<string, string>();
  for (const t of TUTORS) {
    const mine = students.filter((_, i) => tutorOf[i] === t).map((s) => (s === DEMO_STUDENT ? `${s.name} (${DEMO_EMAIL})` : s.name));
    const who = `${mine.join(' and ')} as ${mine.length > 1 ? 'students' : 'a student'}`;
    opens.set(t.email, `tutor: the tutor dashboard with ${who}, a week of their practice in the statistics`);
  }
  students.forEach((s, i) => opens.set(s.email, `tutor: practice as ${tutorOf[i]!.name}'s student, with a week of sessions`));
  return { students, tutorOf, opens };
}

/**
 * Two tutors and three students (the demo account among them, with the first tutor), linked through approved
 * requests, with a week of practice and conversation sessions whose ends fill the daily statistics.
 */
export async function seedTutor(core: ProductContext, progress: (m: string) => void, demo: DemoAccounts): Promise<void> {
  const { students, tutorOf, opens } = pairing();
  const ids = new Map<string, string>();
  for (const t of TUTORS) ids.set(t.email, await demo.account({ email: t.email, fullName: t.name, opens: opens.get(t.email) }));
  for (const s of students) {
    const fullName = s === DEMO_STUDENT ? 'Demo User' : s.name;
    ids.set(s.email, await demo.account({ email: s.email, fullName, opens: opens.get(s.email) }));
  }
  const demoId = ids.get(DEMO_EMAIL)!;
  const [existing] = await core.db.select({ id: profiles.userId }).from(profiles).where(eq(profiles.userId, demoId));
  if (existing) return progress('tutor demo data exists');
  for (const t of TUTORS) await profile(core, ids.get(t.email)!, 'tutor', t.name, t.maxStudents);
  for (const s of students) await profile(core, ids.get(s.email)!, 'student', s.name);
  const studentIds = students.map((s) => ids.get(s.email)!);
  for (const [i, studentId] of studentIds.entries()) {
    const tutorId = ids.get(tutorOf[i]!.email)!;
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
  progress(`${TUTORS.length} tutors and ${studentIds.length} students linked; ${DEMO_EMAIL} is ${tutorOf[0]!.name}'s student`);
  let sessions = 0;
  const today = Date.UTC(core.clock.now().getUTCFullYear(), core.clock.now().getUTCMonth(), core.clock.now().getUTCDate());
  for (const [s, studentId] of studentIds.entries()) {
    for (let day = 7; day >= 1; day--) {
      for (let k = 0; k < 2; k++) {
        const conversation = (day + k + s) % 2 === 0;
        const at = new Date(today - day * 86_400_000 + (9 + k * 6 + s) * 3_600_000);
        const session = await startSession(core, studentId, {
          sessionType: conversation ? 'conversation' : 'practice',
          timestamp: at,
        });
        const duration = 600 + ((day * 37 + k * 91 + s * 13) % 900);
        await endSession(core, studentId, session.id, {
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
