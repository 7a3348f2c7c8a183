// Mass assignment: fields a client must not set (owner, role, status, admin flag) and other users' ids in bodies change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.js';
import { buildWorld, createSecurityApp, type World } from '../support/security-world.js';

let t: TestApp;
let w: World;
beforeAll(async () => {
  t = await createSecurityApp();
  w = await buildWorld(t.app);
}, 120_000);
afterAll(async () => t?.close());

const row = async (sql: string, params: unknown[]) => (await t.database.query<Record<string, unknown>>(sql, params))[0] ?? null;

function send(method: string, url: string, payload: unknown, who: 'owner' | 'other' | 'linkedTutor' = 'owner') {
  return t.app.inject({ method: method as 'POST', url, headers: w.accounts[who].auth, payload: payload as object });
}

/** The request is refused naming every forbidden field, and the row reads the same afterwards. */
async function refusedNaming(
  res: Awaited<ReturnType<typeof send>>,
  fields: string[],
  read: () => Promise<unknown>,
  before: unknown,
  status = 400,
) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  if (status === 400) {
    const named = (res.json().errors as { field: string }[]).map((e) => e.field);
    for (const f of fields) expect(named, res.body).toContain(f);
  }
  expect(await read()).toEqual(before);
}

describe('mass assignment', () => {
  it('registration and my profile take no admin flag, role, status or id', async () => {
    const email = `mass.${Date.now()}@example.org`;
    const reg = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/register',
      payload: { email, password: 'a long password', isAdmin: true, is_admin: true, role: 'admin', id: w.owns.other.userId },
    });
    expect(reg.statusCode).toBe(400);
    expect((reg.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['id', 'isAdmin', 'is_admin', 'role']);
    expect(await row('SELECT count(*)::int AS n FROM core.users', [])).toEqual({ n: 6 });

    const me = () => row('SELECT is_admin, is_active, is_verified, id FROM core.users WHERE id = $1', [w.owns.owner.userId]);
    const before = await me();
    await refusedNaming(
      await send('PATCH', '/v1/me', { isAdmin: true, isVerified: true, isActive: true, id: w.owns.other.userId }),
      ['isAdmin', 'isVerified', 'isActive', 'id'],
      me,
      before,
    );
    expect(before).toMatchObject({ is_admin: false });
  });

  it('a role an admin grants cannot be self-assigned, and a tutor profile cannot claim admin', async () => {
    const roles = () =>
      t.database.query('SELECT product, role FROM core.user_roles WHERE user_id = $1 ORDER BY 1, 2', [w.owns.other.userId]);
    const before = await roles();
    const agent = await send('POST', '/v1/me/roles', { product: 'assist', role: 'agent' }, 'other');
    expect(agent.statusCode).toBe(403);
    const unknown = await send('POST', '/v1/me/roles', { product: 'core', role: 'admin' }, 'other');
    expect(unknown.statusCode).toBe(400);
    expect(await roles()).toEqual(before);
    const profile = () => row('SELECT role FROM tutor.profiles WHERE user_id = $1', [w.owns.other.userId]);
    const was = await profile();
    await refusedNaming(await send('PUT', '/v1/tutor/profile', { role: 'admin', name: 'Root' }, 'other'), [], profile, was, 403);
    await refusedNaming(await send('PUT', '/v1/tutor/profile', { role: 'tutor', name: 'Tutor now' }, 'other'), [], profile, was, 403);
    expect(was).toEqual({ role: 'student' });
  });

  it('a persona takes no owner, status, training state or deletion flag from the body', async () => {
    const id = w.owns.owner.personaId;
    const read = () => row('SELECT user_id, learning_status, is_deleted, last_training_job_id FROM calls.personas WHERE id = $1', [id]);
    const before = await read();
    await refusedNaming(
      await send('PATCH', `/v1/calls/personas/${id}`, {
        userId: w.owns.other.userId,
        user_id: w.owns.other.userId,
        learningStatus: 'COMPLETED',
        isDeleted: true,
        lastTrainingJobId: 'job-1',
      }),
      ['userId', 'user_id', 'learningStatus', 'isDeleted', 'lastTrainingJobId'],
      read,
      before,
    );
    const count = () => row('SELECT count(*)::int AS n FROM calls.personas WHERE user_id = $1', [w.owns.other.userId]);
    const others = await count();
    await refusedNaming(
      await send('POST', '/v1/calls/personas', { name: 'Planted', phoneNumber: '+82 10 4444 1111', ownerId: w.owns.other.userId }),
      ['ownerId'],
      count,
      others,
    );
  });

  it('another user’s ids in a body neither attach their rows nor create rows for them', async () => {
    // A call to someone else's persona.
    const calls = () => row('SELECT count(*)::int AS n FROM calls.call_sessions WHERE persona_id = $1', [w.owns.other.personaId]);
    const callsBefore = await calls();
    expect((await send('POST', '/v1/calls/sessions', { personaId: w.owns.other.personaId })).statusCode).toBe(404);
    expect(await calls()).toEqual(callsBefore);

    // Someone else's upload as my persona's picture.
    const pictured = () => row('SELECT profile_image_file_id FROM calls.personas WHERE id = $1', [w.owns.owner.personaId]);
    const pictureBefore = await pictured();
    await refusedNaming(
      await send('PATCH', `/v1/calls/personas/${w.owns.owner.personaId}`, { profileImageFileId: w.owns.other.fileId }),
      ['profileImageFileId'],
      pictured,
      pictureBefore,
    );

    // Someone else's practice session id for my sentences.
    const sentences = () =>
      t.database.query('SELECT student_id, english FROM tutor.sentence_audio WHERE session_id = $1 ORDER BY sentence_index', [
        w.owns.other.practiceSessionId,
      ]);
    const sentencesBefore = await sentences();
    const hijack = await send('POST', '/v1/tutor/practice/audio', {
      sessionId: w.owns.other.practiceSessionId,
      sentences: [{ english: 'Overwritten' }],
    });
    expect(hijack.statusCode).toBe(409);
    expect(await sentences()).toEqual(sentencesBefore);

    // Feedback from a tutor to a student they are not linked to.
    const feedback = () => row('SELECT count(*)::int AS n FROM tutor.feedback_messages WHERE student_id = $1', [w.owns.other.userId]);
    const feedbackBefore = await feedback();
    const fb = await send('POST', '/v1/tutor/feedback', { studentId: w.owns.other.userId, message: 'Hi from a stranger' }, 'linkedTutor');
    expect(fb.statusCode).toBe(404);
    expect(await feedback()).toEqual(feedbackBefore);

    // A tutor request on someone else's behalf, approved in the same breath.
    const requests = () => row('SELECT count(*)::int AS n FROM tutor.tutor_requests WHERE student_id = $1', [w.owns.other.userId]);
    const requestsBefore = await requests();
    await refusedNaming(
      await send('POST', '/v1/tutor/requests', {
        tutorId: w.accounts.linkedTutor.user.id,
        studentId: w.owns.other.userId,
        status: 'APPROVED',
      }),
      ['studentId', 'status'],
      requests,
      requestsBefore,
    );
  });

  it('interview, chat and assist rows take no status, role or owner from the body', async () => {
    const sessions = () => row('SELECT count(*)::int AS n FROM interview.interview_sessions WHERE user_id = $1', [w.owns.other.userId]);
    const before = await sessions();
    await refusedNaming(
      await send('POST', '/v1/interview/sessions', { position: 'Backend Developer', status: 'completed', userId: w.owns.other.userId }),
      ['status', 'userId'],
      sessions,
      before,
    );
    const message = () => row('SELECT role, content FROM chat.messages WHERE id = $1', [w.owns.owner.chatUserMessageId]);
    const was = await message();
    await refusedNaming(
      await send('PATCH', `/v1/chat/messages/${w.owns.owner.chatUserMessageId}`, { content: 'x', role: 'assistant', tokensUsed: 0 }),
      ['role', 'tokensUsed'],
      message,
      was,
    );
    const room = () => row('SELECT status, agent_id FROM assist.rooms WHERE id = $1', [w.assist.roomId]);
    const roomBefore = await room();
    await refusedNaming(
      await send('POST', `/v1/assist/rooms/${w.assist.roomId}/join`, { nickname: 'x', role: 'agent', status: 'ended' }, 'other'),
      ['role', 'status'],
      room,
      roomBefore,
    );
  });
});
