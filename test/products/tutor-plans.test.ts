import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq } from 'drizzle-orm';
import { tutorProduct } from '../../src/products/tutor/index.js';
import {
  profilesByRoleQuery,
  requestByIdQuery,
  studentRequestsQuery,
  studentTutorsQuery,
  tutorRequestsQuery,
  tutorStudentsQuery,
} from '../../src/products/tutor/matching.js';
import { statisticsRangeQuery, studentSessionsQuery, tutorSessionsQuery } from '../../src/products/tutor/statistics.js';
import { conversationByIdQuery, studentConversationsQuery } from '../../src/products/tutor/conversations.js';
import { feedbackThreadQuery, studentFeedbackQuery } from '../../src/products/tutor/feedback.js';
import { jobByIdQuery, sessionAudioQuery, studentResultsQuery } from '../../src/products/tutor/practice.js';
import { tutorStudentConnectionsQuery } from '../../src/products/tutor/presence.js';
import { notifications } from '../../src/core/notifications/schema.js';
import { realtimeConnections } from '../../src/core/realtime/schema.js';
import { sweepRetention } from '../../src/core/retention/sweeper.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { queryPlan } from '../support/query-plan.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [tutorProduct], jobs: { pollingSeconds: 0.5 } } });
});
afterAll(async () => t?.close());

const uid = (prefix: string, i: number | string) => `00000000-0000-7000-${prefix}-${String(i).padStart(12, '0')}`;
const user = (i: number) => uid('8000', i);

describe('retention: the seed’s TTLs', () => {
  it('removes processed requests after 30 days (pending ones stay) and sentence audio after 7 days with its files', async () => {
    const s = await signUp(t.app);
    const tu = await signUp(t.app);
    const file = await t.app.core.files.store({
      ownerId: s.user.id,
      product: 'tutor',
      purpose: 'sentence-audio',
      body: (await t.app.core.ai.speak('hello', { format: 'wav' })).audio,
      contentType: 'audio/wav',
    });
    await t.database.query(
      `INSERT INTO tutor.tutor_requests (id, student_id, tutor_id, status, processed_at, created_at, updated_at) VALUES
        ($1, $3, $4, 'APPROVED', now() - interval '31 days', now() - interval '40 days', now()),
        ($2, $3, $4, 'PENDING', NULL, now() - interval '40 days', now())`,
      [uid('a000', 1), uid('a000', 2), s.user.id, tu.user.id],
    );
    await t.database.query(
      `INSERT INTO tutor.sentence_audio (session_id, sentence_index, student_id, english, status, audio_file_id, request_at) VALUES
        ($1, 0, $2, 'hello', 'COMPLETED', $3, now() - interval '8 days'), ($1, 1, $2, 'fresh', 'PENDING', NULL, now())`,
      [uid('a001', 1), s.user.id, file.id],
    );
    const report = await sweepRetention(
      t.app.core,
      tutorProduct.retention!.map((policy) => ({ owner: 'tutor', policy })),
    );
    const byName = Object.fromEntries(report.policies.map((p) => [p.policy, p.rows]));
    expect(byName['tutor.requests']).toBe(1);
    expect(byName['tutor.sentence_audio']).toBe(1);
    expect(
      (await t.database.query<{ status: string }>('SELECT status FROM tutor.tutor_requests WHERE student_id = $1', [s.user.id])).map(
        (r) => r.status,
      ),
    ).toEqual(['PENDING']);
    expect(await t.database.query('SELECT sentence_index FROM tutor.sentence_audio WHERE session_id = $1', [uid('a001', 1)])).toEqual([
      { sentence_index: 1 },
    ]);
    expect(await t.database.query('SELECT 1 FROM core.files WHERE id = $1', [file.id])).toHaveLength(0);
    const days = Object.fromEntries(tutorProduct.retention!.map((p) => [p.name, p.days]));
    expect(days).toEqual({
      'tutor.requests': 30,
      'tutor.learning_sessions': 90,
      'tutor.daily_statistics': 365,
      'tutor.ai_conversations': 30,
      'tutor.feedback_messages': 90,
      'tutor.async_jobs': 7,
      'tutor.sentence_audio': 7,
      'tutor.pronunciation_results': 30,
    });
  });
});

describe('the seed’s access patterns at scale', () => {
  it('answers every pattern from an index, and the five worked examples return what they should', async () => {
    // 100 tutors (users 1–100) and 1,900 students (101–2000); student i is linked to tutor i % 100 + 1.
    await t.database.query(`
      INSERT INTO core.users (id, email, email_bidx, password_hash)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, 'tb1.k.x', 'tutorplan.' || i, 'x' FROM generate_series(1, 2000) i;
      INSERT INTO tutor.profiles (user_id, role, name, is_accepting, max_students, active_students)
        SELECT ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid, CASE WHEN i <= 100 THEN 'tutor' ELSE 'student' END, 'tb1.k.x',
               i <= 100, CASE WHEN i <= 100 THEN 30 ELSE 0 END, CASE WHEN i <= 100 THEN 19 ELSE 0 END
        FROM generate_series(1, 2000) i;
      INSERT INTO tutor.tutor_students (tutor_id, student_id, status, assigned_at, updated_at)
        SELECT ('00000000-0000-7000-8000-' || lpad((i % 100 + 1)::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad(i::text, 12, '0'))::uuid,
               'active', now(), now()
        FROM generate_series(101, 2000) i;
      INSERT INTO tutor.tutor_requests (id, student_id, tutor_id, status, processed_at, created_at, updated_at)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid,
               ('00000000-0000-7000-8000-' || lpad((1 + (i / 7) % 100)::text, 12, '0'))::uuid,
               (ARRAY['PENDING','APPROVED','REJECTED'])[1 + i % 3],
               CASE WHEN i % 3 = 0 THEN NULL ELSE now() END, now() - (i || ' minutes')::interval, now()
        FROM generate_series(1, 20000) i;
      INSERT INTO tutor.learning_sessions (id, student_id, started_at, session_type, ended_at, duration, speaking_duration)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid, now() - (i || ' minutes')::interval,
               CASE WHEN i % 2 = 0 THEN 'practice' ELSE 'conversation' END, now(), 600, 200
        FROM generate_series(1, 40000) i;
      INSERT INTO tutor.daily_statistics (student_id, date, sessions_count, updated_at)
        SELECT ('00000000-0000-7000-8000-' || lpad(s::text, 12, '0'))::uuid, DATE '2025-01-01' + d, 1 + d % 3, now()
        FROM generate_series(101, 2000) s, generate_series(0, 29) d;
      INSERT INTO tutor.ai_conversations (id, student_id, created_at, difficulty, role, situation, turn_count, updated_at)
        SELECT ('00000000-0000-7000-9000-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid,
               now() - (i || ' minutes')::interval, (ARRAY['상','중','하'])[1 + i % 3], 'friend', 'a cafe', i % 10, now()
        FROM generate_series(1, 20000) i;
      INSERT INTO tutor.feedback_messages (id, tutor_id, student_id, message, message_type, websocket_sent, created_at)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad(((101 + i % 1900) % 100 + 1)::text, 12, '0'))::uuid,
               ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid, 'good job ' || i, 'text', i % 2 = 0, now() - (i || ' minutes')::interval
        FROM generate_series(1, 20000) i;
      INSERT INTO tutor.async_jobs (id, user_id, kind, status, created_at, updated_at)
        SELECT ('00000000-0000-7000-a100-' || lpad(i::text, 12, '0'))::uuid, ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid,
               'speak', 'COMPLETED', now(), now()
        FROM generate_series(1, 20000) i;
      INSERT INTO tutor.sentence_audio (session_id, sentence_index, student_id, english, status, request_at)
        SELECT ('00000000-0000-7000-a200-' || lpad((i / 5)::text, 12, '0'))::uuid, i % 5, ('00000000-0000-7000-8000-' || lpad((101 + (i / 5) % 1900)::text, 12, '0'))::uuid,
               'sentence ' || i, 'COMPLETED', now()
        FROM generate_series(0, 19999) i;
      INSERT INTO tutor.pronunciation_results (id, student_id, created_at, original_text, transcribed_text, overall_score, word_accuracy, completeness_score, grade, missed_words, extra_words, feedback)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((101 + i % 1900)::text, 12, '0'))::uuid, now() - (i || ' minutes')::interval,
               'a b c', 'a b c', 100, 100, 100, 'A+', '{}', '{}', 'ok'
        FROM generate_series(1, 20000) i;
      INSERT INTO core.notifications (id, user_id, type, title, message, is_read, created_at)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((1 + i % 2000)::text, 12, '0'))::uuid, 'feedback', 't', 'm', i % 3 <> 0,
               now() - (i || ' minutes')::interval
        FROM generate_series(1, 40000) i;
      INSERT INTO core.realtime_connections (id, user_id, instance_id, connected_at, expires_at)
        SELECT gen_random_uuid(), ('00000000-0000-7000-8000-' || lpad((1 + i % 2000)::text, 12, '0'))::uuid, 'plan', now(), now() + interval '1 hour'
        FROM generate_series(1, 30000) i;
      ANALYZE tutor.profiles; ANALYZE tutor.tutor_students; ANALYZE tutor.tutor_requests; ANALYZE tutor.learning_sessions; ANALYZE tutor.daily_statistics;
      ANALYZE tutor.ai_conversations; ANALYZE tutor.feedback_messages; ANALYZE tutor.async_jobs; ANALYZE tutor.sentence_audio;
      ANALYZE tutor.pronunciation_results; ANALYZE core.notifications; ANALYZE core.realtime_connections;`);

    const plan = (query: Parameters<typeof queryPlan>[1]) => queryPlan(t.database, query);
    const expectIndexed = async (name: string, query: { toSQL(): { sql: string; params: unknown[] } }, index: string, table: string) => {
      const p = await plan(query);
      expect(p, `${name}: ${p}`).toContain(index);
      expect(p, `${name}: ${p}`).not.toMatch(new RegExp(`"Seq Scan"[^}]*"Relation Name":"${table}"`));
    };
    const db = t.app.core.db;
    const tutor = user(7);
    const student = user(106); // linked to tutor 7

    // Example 1: a tutor's students.
    const students = await tutorStudentsQuery(db, tutor);
    expect(students).toHaveLength(19);
    expect(students.every((l) => l.tutorId === tutor && l.status === 'active')).toBe(true);
    await expectIndexed('tutor’s students', tutorStudentsQuery(db, tutor), 'tutor_students_tutor_id_student_id_pk', 'tutor_students');
    // Example 2: a student's tutor.
    expect((await studentTutorsQuery(db, student)).map((l) => l.tutorId)).toEqual([tutor]);
    await expectIndexed('student’s tutor', studentTutorsQuery(db, student), 'tutor_students_student_idx', 'tutor_students');
    // Example 3: a tutor's pending requests, newest first.
    const pending = await tutorRequestsQuery(db, tutor, 'PENDING', 20);
    expect(pending.length).toBeGreaterThan(10);
    expect(pending.every((r) => r.tutorId === tutor && r.status === 'PENDING')).toBe(true);
    expect(pending.map((r) => r.createdAt.getTime())).toEqual([...pending.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    await expectIndexed(
      'tutor’s pending requests',
      tutorRequestsQuery(db, tutor, 'PENDING', 20),
      'tutor_requests_tutor_status_created_idx',
      'tutor_requests',
    );
    // Example 4: a student's week.
    const week = await statisticsRangeQuery(db, student, '2025-01-24', '2025-01-30');
    expect(week.map((s) => s.date)).toEqual([
      '2025-01-24',
      '2025-01-25',
      '2025-01-26',
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
    ]);
    await expectIndexed(
      'a student’s week',
      statisticsRangeQuery(db, student, '2025-01-24', '2025-01-30'),
      'daily_statistics_student_id_date_pk',
      'daily_statistics',
    );
    // Example 5: unread notifications, newest first (the core's notification list with unread only).
    const unreadQuery = () =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, student), eq(notifications.isRead, false)))
        .orderBy(desc(notifications.createdAt), desc(notifications.id))
        .limit(21);
    const unread = await unreadQuery();
    expect(unread.length).toBeGreaterThan(0);
    expect(unread.every((n) => !n.isRead && n.userId === student)).toBe(true);
    await expectIndexed('unread notifications', unreadQuery(), 'notifications_user_unread_idx', 'notifications');

    // The other patterns of the seed.
    const [someRequest] = await studentRequestsQuery(db, student, 1);
    expect(someRequest!.studentId).toBe(student);
    await expectIndexed('request by id', requestByIdQuery(db, someRequest!.id), 'tutor_requests_pkey', 'tutor_requests');
    await expectIndexed(
      'student’s requests',
      studentRequestsQuery(db, student, 20),
      'tutor_requests_student_created_idx',
      'tutor_requests',
    );
    await expectIndexed('users by role', profilesByRoleQuery(db, 'tutor', 100), 'profiles_role_created_idx', 'profiles');
    const range = { from: new Date(Date.now() - 7 * 86_400_000), to: new Date(), limit: 50 };
    expect((await studentSessionsQuery(db, student, range)).length).toBeGreaterThan(0);
    await expectIndexed(
      'student’s sessions in a range',
      studentSessionsQuery(db, student, range),
      'learning_sessions_student_started_idx',
      'learning_sessions',
    );
    const recent = await tutorSessionsQuery(db, tutor, 20);
    expect(recent).toHaveLength(20);
    expect(recent.every((r) => Number(r.studentId.slice(-4)) % 100 === 6)).toBe(true);
    await expectIndexed(
      'tutor’s students’ sessions',
      tutorSessionsQuery(db, tutor, 20),
      'learning_sessions_student_started_idx',
      'learning_sessions',
    );
    const conversationId = uid('9000', 6);
    expect((await conversationByIdQuery(db, conversationId))[0]?.id).toBe(conversationId);
    await expectIndexed('conversation by id', conversationByIdQuery(db, conversationId), 'ai_conversations_pkey', 'ai_conversations');
    await expectIndexed(
      'student’s conversations',
      studentConversationsQuery(db, student, 20),
      'ai_conversations_student_created_idx',
      'ai_conversations',
    );
    expect((await feedbackThreadQuery(db, tutor, student, 20)).length).toBeGreaterThan(0);
    await expectIndexed(
      'tutor–student thread',
      feedbackThreadQuery(db, tutor, student, 20),
      'feedback_messages_pair_created_idx',
      'feedback_messages',
    );
    await expectIndexed(
      'student’s feedback',
      studentFeedbackQuery(db, student, 20),
      'feedback_messages_student_created_idx',
      'feedback_messages',
    );
    const connections = await tutorStudentConnectionsQuery(db, tutor, new Date());
    expect(connections.length).toBeGreaterThan(0);
    await expectIndexed(
      'connections by tutor',
      tutorStudentConnectionsQuery(db, tutor, new Date()),
      'realtime_connections_user_idx',
      'realtime_connections',
    );
    const [conn] = await db.select().from(realtimeConnections).limit(1);
    await expectIndexed(
      'connection by id',
      db.select().from(realtimeConnections).where(eq(realtimeConnections.id, conn!.id)),
      'realtime_connections_pkey',
      'realtime_connections',
    );
    await expectIndexed(
      'connections by user',
      db.select().from(realtimeConnections).where(eq(realtimeConnections.userId, student)),
      'realtime_connections_user_idx',
      'realtime_connections',
    );
    expect((await jobByIdQuery(db, uid('a100', 5)))[0]?.status).toBe('COMPLETED');
    await expectIndexed('job by id', jobByIdQuery(db, uid('a100', 5)), 'async_jobs_pkey', 'async_jobs');
    expect((await sessionAudioQuery(db, uid('a200', 3))).map((s) => s.sentenceIndex)).toEqual([0, 1, 2, 3, 4]);
    await expectIndexed(
      'sentences of a session',
      sessionAudioQuery(db, uid('a200', 3)),
      'sentence_audio_session_id_sentence_index_pk',
      'sentence_audio',
    );
    await expectIndexed(
      'one sentence',
      sessionAudioQuery(db, uid('a200', 3), 2),
      'sentence_audio_session_id_sentence_index_pk',
      'sentence_audio',
    );
    await expectIndexed(
      'student’s results',
      studentResultsQuery(db, student, 20),
      'pronunciation_results_student_created_idx',
      'pronunciation_results',
    );
  }, 240_000);
});
