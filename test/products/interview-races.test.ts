/** Interview requests that race: run on PostgreSQL too, where transactions really overlap. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interviewProduct } from '../../src/products/interview/index.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitForValue } from '../support/wait-for.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [interviewProduct], jobs: { pollingSeconds: 0.5 } } });
});
afterAll(async () => t?.close());

async function start(auth: Record<string, string>, questionCount: number) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/interview/sessions',
    headers: auth,
    payload: { position: 'Backend Developer', questionCount },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { session: { id: string } }).session.id;
}

const post = (auth: Record<string, string>, url: string, payload: object) =>
  t.app.inject({ method: 'POST', url: `/v1/interview/sessions${url}`, headers: auth, payload });

const openQuestions = async (sessionId: string) =>
  (
    await t.database.query<{ order: number }>(
      'SELECT "order" FROM interview.interview_records WHERE session_id = $1 AND answer_text IS NULL',
      [sessionId],
    )
  ).length;

describe('interview races', () => {
  it('six simultaneous "next question" requests ask one question; the others get 409, none a 500', async () => {
    const u = await signUp(t.app);
    const id = await start(u.auth, 1);
    expect((await post(u.auth, `/${id}/answers`, { text: 'I design APIs and test them against real clients.', order: 1 })).statusCode).toBe(
      201,
    );
    expect(await openQuestions(id)).toBe(0);
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(u.auth, `/${id}/questions`, { followUpTo: 1 })));
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.statusCode === 409)) expect(a.headers['content-type']).toContain('application/problem+json');
    expect(await openQuestions(id)).toBe(1);
  });

  it('five identical simultaneous answers store one; the repeats are 409 and never answer the next question', async () => {
    const u = await signUp(t.app);
    const id = await start(u.auth, 3);
    const text = 'I start from the query plan and add the index it is missing.';
    const answers = await Promise.all(Array.from({ length: 5 }, () => post(u.auth, `/${id}/answers`, { text, order: 1 })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.filter((a) => a.statusCode === 409).map((a) => (a.json() as { code?: string; type: string }).type)).toEqual(
      Array(4).fill('urn:talkbase:problem:interview.already_answered'),
    );
    const rows = await t.database.query<{ order: number; answer_text: string | null }>(
      'SELECT "order", answer_text FROM interview.interview_records WHERE session_id = $1 ORDER BY "order"',
      [id],
    );
    expect(rows.map((r) => [r.order, r.answer_text])).toEqual([
      [1, text],
      [2, null],
    ]);
    // An answer without the question it answers is refused, naming the field.
    const unnamed = await post(u.auth, `/${id}/answers`, { text });
    expect(unnamed.statusCode).toBe(400);
    expect(unnamed.body).toContain('order');
  });

  it('editing an evaluation after completion recomputes the session’s overall score', async () => {
    const u = await signUp(t.app);
    const id = await start(u.auth, 1);
    expect(
      (await post(u.auth, `/${id}/answers`, { text: 'I automate deployments and roll back on failed checks.', order: 1 })).statusCode,
    ).toBe(201);
    const before = await waitForValue(
      'the session completed',
      async () => {
        const [s] = await t.database.query<{ status: string; overall_score: number | null }>(
          'SELECT status, overall_score FROM interview.interview_sessions WHERE id = $1',
          [id],
        );
        return s?.status === 'completed' ? s : null;
      },
      60_000,
    );
    const evaluation = {
      score: before.overall_score === 10 ? 20 : 10,
      feedback: 'Short.',
      keywords: [],
      strengths: ['clear'],
      improvements: ['detail'],
    };
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/v1/interview/sessions/${id}/records/1/evaluation`,
      headers: u.auth,
      payload: { evaluation, rubricVersion: 'human@1' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const [after] = await t.database.query<{ status: string; overall_score: number; overall_evaluation: { score: number } }>(
      'SELECT status, overall_score, overall_evaluation FROM interview.interview_sessions WHERE id = $1',
      [id],
    );
    expect(after!.status).toBe('completed');
    expect(after!.overall_score).toBe(evaluation.score);
    expect(after!.overall_evaluation.score).toBe(evaluation.score);
  });
});
