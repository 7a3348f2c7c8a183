import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import SwaggerParser from '@apidevtools/swagger-parser';
import { tutorProduct } from '../../src/products/tutor/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { link, member, requestTutor } from './tutor-setup.js';
import { TestSocket, eventually } from '../support/realtime-client.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [tutorProduct], jobs: { pollingSeconds: 0.5 } } });
});
afterAll(async () => t?.close());

describe('profiles and roles', () => {
  it('a profile needs the product role the user took; nobody but an admin is an admin', async () => {
    const u = await signUp(t.app);
    const noRole = await t.app.inject({ method: 'PUT', url: '/v1/tutor/profile', headers: u.auth, payload: { role: 'tutor', name: 'T' } });
    expect(noRole.statusCode).toBe(403);
    await t.app.inject({ method: 'POST', url: '/v1/me/roles', headers: u.auth, payload: { product: 'tutor', role: 'tutor' } });
    const admin = await t.app.inject({ method: 'PUT', url: '/v1/tutor/profile', headers: u.auth, payload: { role: 'admin', name: 'A' } });
    expect(admin.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PUT',
      url: '/v1/tutor/profile',
      headers: u.auth,
      payload: { role: 'tutor', name: 'Tutor Jo', maxStudents: 4 },
    });
    expect(ok.json()).toMatchObject({ role: 'tutor', name: 'Tutor Jo', maxStudents: 4, isAccepting: true, activeStudents: 0 });
    const [row] = await t.database.query<{ name: string }>('SELECT name FROM tutor.profiles WHERE user_id = $1', [u.user.id]);
    expect(row!.name).not.toContain('Tutor Jo');
  });
});

describe('matching', () => {
  it('refuses a tutor who does not accept or is full, and a second pending request to the same tutor', async () => {
    const closed = await member(t.app, 'tutor', { isAccepting: false, maxStudents: 3 });
    const full = await member(t.app, 'tutor', { maxStudents: 0 });
    const open = await member(t.app, 'tutor', { maxStudents: 2 });
    const s = await member(t.app, 'student');
    const a = await t.app.inject({ method: 'POST', url: '/v1/tutor/requests', headers: s.auth, payload: { tutorId: closed.id } });
    expect(a.statusCode).toBe(409);
    expect(a.json().type).toContain('not_accepting');
    const b = await t.app.inject({ method: 'POST', url: '/v1/tutor/requests', headers: s.auth, payload: { tutorId: full.id } });
    expect(b.json().type).toContain('at_capacity');
    await requestTutor(t.app, s, open);
    const again = await t.app.inject({ method: 'POST', url: '/v1/tutor/requests', headers: s.auth, payload: { tutorId: open.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toContain('request_pending');
    // The database holds the rule too.
    await expect(
      t.database.query(
        `INSERT INTO tutor.tutor_requests (id, student_id, tutor_id, status, created_at, updated_at) VALUES ($1, $2, $3, 'PENDING', now(), now())`,
        [randomUUID(), s.id, open.id],
      ),
    ).rejects.toThrow();
    const pending = await t.app.inject({ url: '/v1/tutor/requests?side=received&status=PENDING', headers: open.auth });
    expect(pending.json().items).toHaveLength(1);
    const tutorNote = await t.database.query<{ type: string }>('SELECT type FROM core.notifications WHERE user_id = $1', [open.id]);
    expect(tutorNote.map((n) => n.type)).toEqual(['tutor_match']);
  });

  it('approval links, counts and notifies in one transaction; rejection notifies; unlinking frees the place', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 2 });
    const s1 = await member(t.app, 'student');
    const s2 = await member(t.app, 'student');
    const r1 = await requestTutor(t.app, s1, tutor);
    const r2 = await requestTutor(t.app, s2, tutor);
    const ok = await t.app.inject({ method: 'POST', url: `/v1/tutor/requests/${r1.id}/approve`, headers: tutor.auth });
    expect(ok.json().request).toMatchObject({ status: 'APPROVED' });
    expect(ok.json().request.processedAt).toBeTruthy();
    expect(ok.json().link).toMatchObject({ tutorId: tutor.id, studentId: s1.id, status: 'active', requestId: r1.id });
    const twice = await t.app.inject({ method: 'POST', url: `/v1/tutor/requests/${r1.id}/approve`, headers: tutor.auth });
    expect(twice.statusCode).toBe(409);
    const notOurs = await t.app.inject({ method: 'POST', url: `/v1/tutor/requests/${r2.id}/approve`, headers: s1.auth });
    expect(notOurs.statusCode).toBe(404);
    const no = await t.app.inject({ method: 'POST', url: `/v1/tutor/requests/${r2.id}/reject`, headers: tutor.auth });
    expect(no.json().status).toBe('REJECTED');
    for (const [s, title] of [
      [s1, 'Tutor request approved'],
      [s2, 'Tutor request declined'],
    ] as const) {
      const notes = await t.app.inject({ url: '/v1/notifications', headers: s.auth });
      expect(notes.json().items.map((n: { type: string; title: string }) => [n.type, n.title])).toEqual([['tutor_match', title]]);
    }
    const [profile] = await t.database.query<{ active_students: number }>('SELECT active_students FROM tutor.profiles WHERE user_id = $1', [
      tutor.id,
    ]);
    expect(profile!.active_students).toBe(1);
    expect(
      (await t.app.inject({ url: '/v1/tutor/tutors/mine', headers: s1.auth })).json().map((l: { tutorId: string }) => l.tutorId),
    ).toEqual([tutor.id]);
    const left = await t.app.inject({ method: 'DELETE', url: `/v1/tutor/tutors/${tutor.id}`, headers: s1.auth });
    expect(left.json().status).toBe('inactive');
    const [after] = await t.database.query<{ active_students: number }>('SELECT active_students FROM tutor.profiles WHERE user_id = $1', [
      tutor.id,
    ]);
    expect(after!.active_students).toBe(0);
    expect((await t.app.inject({ url: '/v1/tutor/students', headers: tutor.auth })).json()).toEqual([]);
  });

  it('10 concurrent approvals for a tutor with 3 free places make exactly 3 links', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 3 });
    const students = await Promise.all(Array.from({ length: 10 }, () => member(t.app, 'student')));
    const requests = [];
    for (const s of students) requests.push(await requestTutor(t.app, s, tutor));
    const results = await Promise.all(
      requests.map((r) => t.app.inject({ method: 'POST', url: `/v1/tutor/requests/${r.id}/approve`, headers: tutor.auth })),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(7);
    const links = await t.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM tutor.tutor_students WHERE tutor_id = $1 AND status = 'active'`,
      [tutor.id],
    );
    expect(Number(links[0]!.n)).toBe(3);
    const approved = await t.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM tutor.tutor_requests WHERE tutor_id = $1 AND status = 'APPROVED'`,
      [tutor.id],
    );
    expect(Number(approved[0]!.n)).toBe(3);
    const [profile] = await t.database.query<{ active_students: number }>('SELECT active_students FROM tutor.profiles WHERE user_id = $1', [
      tutor.id,
    ]);
    expect(profile!.active_students).toBe(3);
    // The CHECK refuses a counter past the limit, whatever writes it.
    await expect(t.database.query('UPDATE tutor.profiles SET active_students = 4 WHERE user_id = $1', [tutor.id])).rejects.toThrow();
  }, 60_000);
});

describe('access to a student’s data', () => {
  it('a linked tutor sees the student’s results; unlinked, the very next request is a 404; an admin sees all', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    const stranger = await member(t.app, 'tutor', { maxStudents: 5 });
    await link(t.app, student, tutor);
    const url = `/v1/tutor/students/${student.id}/results`;
    expect((await t.app.inject({ url, headers: tutor.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: stranger.auth })).statusCode).toBe(404);
    const unlinked = await t.app.inject({ method: 'DELETE', url: `/v1/tutor/students/${student.id}`, headers: tutor.auth });
    expect(unlinked.statusCode).toBe(200);
    for (const path of ['results', 'sessions', 'conversations', 'feedback', 'statistics?from=2026-01-01&to=2026-01-07']) {
      expect((await t.app.inject({ url: `/v1/tutor/students/${student.id}/${path}`, headers: tutor.auth })).statusCode, path).toBe(404);
    }
    const admin = await signUp(t.app);
    await t.database.query('UPDATE core.users SET is_admin = true WHERE id = $1', [admin.user.id]);
    expect((await t.app.inject({ url, headers: admin.auth })).statusCode).toBe(200);
    expect((await t.app.inject({ url, headers: student.auth })).statusCode).toBe(200);
  });
});

describe('live presence', () => {
  it('the tutor’s socket receives the student’s room change, and the dashboard shows who is online', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    const other = await member(t.app, 'tutor', { maxStudents: 5 });
    await link(t.app, student, tutor);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/v1/realtime`;
    const tutorSocket = await TestSocket.connect(url, tutor.token);
    const studentSocket = await TestSocket.connect(url, student.token);
    const intruder = await TestSocket.connect(url, other.token);
    try {
      expect((await tutorSocket.subscribe(`tutor:${tutor.id}`)).type).toBe('subscribed');
      expect((await intruder.subscribe(`tutor:${tutor.id}`)).type).toBe('error');
      const moved = await t.app.inject({ method: 'PUT', url: '/v1/tutor/room', headers: student.auth, payload: { room: 'practice' } });
      expect(moved.json()).toMatchObject({ room: 'practice', online: true, tutors: 1 });
      const event = await tutorSocket.next((m) => m.type === 'event' && m.event === 'student.room');
      expect(event.data).toMatchObject({ studentId: student.id, room: 'practice', online: true });
      const board = (await t.app.inject({ url: '/v1/tutor/students', headers: tutor.auth })).json();
      expect(board).toEqual([expect.objectContaining({ studentId: student.id, room: 'practice', online: true })]);
      await studentSocket.close();
      await eventually(
        async () => !(await t.app.core.realtime.onlineUsers([student.id])).has(student.id),
        5000,
        'the closed socket to leave',
      );
      await t.app.inject({ method: 'PUT', url: '/v1/tutor/room', headers: student.auth, payload: { room: null } });
      const left = await tutorSocket.next((m) => m.type === 'event' && m.event === 'student.room' && m.data.room === null);
      expect(left.data.online).toBe(false);
      const [row] = await t.database.query<{ room: string | null }>(
        'SELECT room FROM tutor.tutor_students WHERE tutor_id = $1 AND student_id = $2',
        [tutor.id, student.id],
      );
      expect(row!.room).toBeNull();
    } finally {
      await Promise.all([tutorSocket.close(), studentSocket.close(), intruder.close()]);
    }
  });
});

describe('student presence', () => {
  it('a linked tutor follows student:<id> and sees the student come and go; others may not, and unlinking ends it', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    const other = await member(t.app, 'tutor', { maxStudents: 5 });
    await link(t.app, student, tutor);
    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/v1/realtime`;
    const channel = `student:${student.id}`;
    const tutorSocket = await TestSocket.connect(url, tutor.token);
    const intruder = await TestSocket.connect(url, other.token);
    try {
      expect((await tutorSocket.subscribe(channel)).type).toBe('subscribed');
      expect((await intruder.subscribe(channel)).type).toBe('error');
      const studentSocket = await TestSocket.connect(url, student.token);
      expect((await studentSocket.subscribe(channel)).type).toBe('subscribed');
      const join = await tutorSocket.next((m) => m.event === 'presence' && m.data.userId === student.id && m.data.action === 'join');
      expect(join.channel).toBe(channel);
      await studentSocket.close();
      await tutorSocket.next((m) => m.event === 'presence' && m.data.userId === student.id && m.data.action === 'leave');
      await t.app.inject({ method: 'DELETE', url: `/v1/tutor/students/${student.id}`, headers: tutor.auth });
      const again = await TestSocket.connect(url, tutor.token);
      try {
        expect((await again.subscribe(channel)).type).toBe('error');
      } finally {
        await again.close();
      }
    } finally {
      await Promise.all([tutorSocket.close(), intruder.close()]);
    }
  });
});

describe('AI conversations and feedback', () => {
  it('holds a role-play through the chat engine; the linked tutor reads it', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    await link(t.app, student, tutor);
    const conv = await t.app.inject({
      method: 'POST',
      url: '/v1/tutor/conversations',
      headers: student.auth,
      payload: { role: 'shop clerk', situation: 'buying a coat in a department store', difficulty: '중', topic: 'shopping' },
    });
    expect(conv.statusCode, conv.body).toBe(201);
    const id = conv.json().conversationId;
    const turn = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/conversations/${id}/turns`,
      headers: student.auth,
      payload: { text: 'Hello, do you have this coat in a larger size?' },
    });
    expect(turn.statusCode, turn.body).toBe(201);
    expect(turn.json().conversation.turnCount).toBe(1);
    expect(turn.json().turn.aiText.length).toBeGreaterThan(0);
    expect(turn.json().conversation.message).toBeTruthy();
    const read = (await t.app.inject({ url: `/v1/tutor/conversations/${id}`, headers: tutor.auth })).json();
    expect(read.turns).toHaveLength(1);
    expect(read.conversation).toMatchObject({ difficulty: '중', role: 'shop clerk' });
    const calls = await t.database.query('SELECT 1 FROM core.ai_calls WHERE prompt_version = $1', ['tutor.conversation@1']);
    expect(calls.length).toBeGreaterThan(0);
    const stranger = await member(t.app, 'student');
    expect((await t.app.inject({ url: `/v1/tutor/conversations/${id}`, headers: stranger.auth })).statusCode).toBe(404);
  });

  it('feedback goes out live to a connected student, otherwise as a notification; audio is made by TTS', async () => {
    const tutor = await member(t.app, 'tutor', { maxStudents: 5 });
    const student = await member(t.app, 'student');
    await link(t.app, student, tutor);
    const offline = await t.app.inject({
      method: 'POST',
      url: '/v1/tutor/feedback',
      headers: tutor.auth,
      payload: { studentId: student.id, message: 'Watch the th sound.' },
    });
    expect(offline.statusCode, offline.body).toBe(201);
    expect(offline.json().websocketSent).toBe(false);
    const notes = (await t.app.inject({ url: '/v1/notifications', headers: student.auth })).json().items;
    expect(notes.some((n: { type: string; message: string }) => n.type === 'feedback' && n.message === 'Watch the th sound.')).toBe(true);

    await t.app.listen({ port: 0, host: '127.0.0.1' }).catch(() => undefined);
    const url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/v1/realtime`;
    const socket = await TestSocket.connect(url, student.token);
    try {
      await socket.subscribe(`user:${student.id}`);
      const live = await t.app.inject({
        method: 'POST',
        url: '/v1/tutor/feedback',
        headers: tutor.auth,
        payload: { studentId: student.id, message: 'Great pace today.', messageType: 'audio' },
      });
      expect(live.statusCode, live.body).toBe(201);
      expect(live.json()).toMatchObject({ websocketSent: true, messageType: 'audio' });
      const event = await socket.next((m) => m.type === 'event' && m.event === 'tutor.feedback');
      expect(event.data.feedbackId).toBe(live.json().feedbackId);
      expect((await t.app.inject({ url: `/v1/files/${live.json().audioFileId}`, headers: student.auth })).statusCode).toBe(200);
    } finally {
      await socket.close();
    }
    await eventually(
      async () => !(await t.app.core.realtime.onlineUsers([student.id])).has(student.id),
      5000,
      'the closed socket to leave',
    );
    const recording = (await t.app.core.ai.speak('Listen to how I say this sentence', { format: 'wav' })).audio;
    const recorded = await t.app.inject({
      method: 'POST',
      url: `/v1/tutor/feedback/recording?studentId=${student.id}&message=${encodeURIComponent('Listen to my reading')}`,
      headers: { ...tutor.auth, 'content-type': 'audio/wav' },
      payload: recording,
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    expect(recorded.json()).toMatchObject({ messageType: 'audio', websocketSent: false });
    const played = await t.app.inject({ url: `/v1/files/${recorded.json().audioFileId}/content`, headers: student.auth });
    expect(Buffer.compare(played.rawPayload, recording)).toBe(0);
    const received = (await t.app.inject({ url: '/v1/tutor/feedback', headers: student.auth })).json();
    expect(received.map((f: { websocketSent: boolean }) => f.websocketSent)).toEqual([false, true, false]);
    const thread = (await t.app.inject({ url: `/v1/tutor/students/${student.id}/feedback`, headers: tutor.auth })).json();
    expect(thread).toHaveLength(3);
    const unlinked = await member(t.app, 'tutor', { maxStudents: 5 });
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/v1/tutor/feedback',
          headers: unlinked.auth,
          payload: { studentId: student.id, message: 'hi' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents every tutor route with its responses in a valid document, and exports a user’s tutor data', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    await SwaggerParser.validate(structuredClone(doc));
    const paths = Object.keys(doc.paths).filter((p) => p.startsWith('/v1/tutor/'));
    expect(paths.length).toBeGreaterThanOrEqual(20);
    for (const p of paths)
      for (const op of Object.values<{ responses: Record<string, unknown> }>(doc.paths[p]))
        expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
    const student = await member(t.app, 'student');
    const exported = (await t.app.inject({ url: '/v1/me/export', headers: student.auth })).json();
    expect(exported.products.tutor.profile).toMatchObject({ role: 'student', userId: student.id });
  });
});
