import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { interviewProduct } from '../../src/products/interview/index.js';
import { startSession } from '../../src/products/interview/operations/start-session.js';
import { createTestApp, signUp, type TestApp } from '../support/test-app.js';
import { waitFor, waitForValue } from '../support/wait-for.js';
import { createOfflineChat } from '../../src/core/ai/providers/offline/chat.js';
import { aiTaskRegistry } from '../../src/core/ai/tasks.js';
import { AiProviderError, type ChatProvider } from '../../src/core/ai/providers/provider.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ deps: { products: [interviewProduct], jobs: { pollingSeconds: 0.5 } } });
});
afterAll(async () => t?.close());

async function start(app: FastifyInstance, auth: Record<string, string>, position = 'Backend Developer', questionCount = 2) {
  const res = await app.inject({ method: 'POST', url: '/v1/interview/sessions', headers: auth, payload: { position, questionCount } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { session: { id: string; status: string }; records: { order: number; questionText: string }[] };
}

/** Answers the question waiting for an answer (or `order`). */
async function answer(app: FastifyInstance, auth: Record<string, string>, id: string, text: string, order?: number) {
  if (order === undefined) {
    const s = await app.inject({ method: 'GET', url: `/v1/interview/sessions/${id}`, headers: auth });
    const records = (s.json() as { records?: { order: number; answerText: string | null }[] }).records ?? [];
    order = records.find((r) => r.answerText === null)?.order ?? records.length;
  }
  return app.inject({
    method: 'POST',
    url: `/v1/interview/sessions/${id}/answers`,
    headers: auth,
    payload: { text, order: Math.max(1, order) },
  });
}

describe('interview sessions', () => {
  it('creates the session with its first question from the position’s bank', async () => {
    const u = await signUp(t.app);
    const s = await start(t.app, u.auth);
    expect(s.session.status).toBe('started');
    expect(s.records).toHaveLength(1);
    expect(s.records[0]!.order).toBe(1);
    expect(s.records[0]!.questionText.length).toBeGreaterThan(10);
    const rows = await t.database.query('SELECT 1 FROM interview.interview_records WHERE session_id = $1', [s.session.id]);
    expect(rows).toHaveLength(1);
  });

  it('a failure after the session insert leaves neither the session nor its first question', async () => {
    const u = await signUp(t.app);
    const before = await t.database.query<{ n: string | number }>('SELECT count(*) AS n FROM interview.interview_sessions');
    await expect(
      startSession(
        t.app.core.forProducts,
        u.user.id,
        { position: 'Data Scientist' },
        {
          afterSessionInsert: () => {
            throw new Error('injected failure');
          },
        },
      ),
    ).rejects.toThrow('injected failure');
    const after = await t.database.query<{ n: string | number }>('SELECT count(*) AS n FROM interview.interview_sessions');
    expect(Number(after[0]!.n)).toBe(Number(before[0]!.n));
    expect(
      await t.database.query(
        'SELECT 1 FROM interview.interview_records r LEFT JOIN interview.interview_sessions s ON s.id = r.session_id WHERE s.id IS NULL',
      ),
    ).toHaveLength(0);
  });

  it('runs a whole interview: answers, background evaluations, completion with overall score and emotions', async () => {
    const u = await signUp(t.app);
    const s = await start(t.app, u.auth, 'Backend Developer', 2);
    const a1 = await answer(
      t.app,
      u.auth,
      s.session.id,
      'I designed an order service with PostgreSQL and made every write idempotent, which cut duplicate charges to zero. I am proud of it.',
    );
    expect(a1.statusCode).toBe(201);
    expect(a1.json().record.evaluationStatus).toBe('pending');
    expect(a1.json().next.order).toBe(2);
    expect(a1.json().next.questionText).not.toBe(s.records[0]!.questionText);
    const a2 = await answer(
      t.app,
      u.auth,
      s.session.id,
      'I would version the API by adding fields and keep old ones working, with contract tests against real clients.',
    );
    expect(a2.json().next).toBeNull();
    const done = await waitForValue('completion', async () => {
      const res = (await t.app.inject({ url: `/v1/interview/sessions/${s.session.id}`, headers: u.auth })).json();
      return res.session.status === 'completed' ? res : null;
    });
    expect(done.session.overallScore).toBeGreaterThanOrEqual(0);
    expect(done.session.overallScore).toBeLessThanOrEqual(100);
    expect(done.session.overallEvaluation.strongest.order).toBeGreaterThan(0);
    expect(done.session.emotionSummary.dominant_emotion).toBeTruthy();
    for (const r of done.records) {
      expect(r.evaluation.score).toBeGreaterThanOrEqual(0);
      expect(r.evaluation.feedback.length).toBeGreaterThan(0);
      expect(r.rubricVersion).toBe('answer_evaluation@1');
      expect(r.evaluationProvider).toBe('offline');
      expect(r.timeToAnswerMs).toBeGreaterThanOrEqual(0);
      const sum = Object.values(r.emotionSummary.emotion_scores as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(0.02);
    }
    const scores = done.records.map((r: { evaluation: { score: number } }) => r.evaluation.score);
    expect(done.session.overallScore).toBe(Math.round(scores.reduce((a: number, b: number) => a + b, 0) / scores.length));
    const trend = (await t.app.inject({ url: '/v1/interview/trend', headers: u.auth })).json();
    expect(trend[0].position).toBe('Backend Developer');
    expect(trend[0].points).toHaveLength(1);
    const closed = await answer(t.app, u.auth, s.session.id, 'one more');
    expect(closed.statusCode).toBe(409);
  });

  it('rejects an evaluation with a score of 101 or without feedback, naming the field', async () => {
    const u = await signUp(t.app);
    const s = await start(t.app, u.auth, 'UX Designer', 3);
    await answer(t.app, u.auth, s.session.id, 'I run usability tests with five users every sprint.');
    const base = { score: 80, feedback: 'Good', keywords: [], strengths: [], improvements: [] };
    const high = await t.app.inject({
      method: 'PUT',
      url: `/v1/interview/sessions/${s.session.id}/records/1/evaluation`,
      headers: u.auth,
      payload: { rubricVersion: 'human@1', evaluation: { ...base, score: 101 } },
    });
    expect(high.statusCode).toBe(400);
    expect(high.json().errors[0].field).toBe('evaluation.score');
    const { feedback: _omit, ...noFeedback } = base;
    const missing = await t.app.inject({
      method: 'PUT',
      url: `/v1/interview/sessions/${s.session.id}/records/1/evaluation`,
      headers: u.auth,
      payload: { rubricVersion: 'human@1', evaluation: noFeedback },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain('evaluation.feedback');
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/v1/interview/sessions/${s.session.id}/records/1/evaluation`,
      headers: u.auth,
      payload: { rubricVersion: 'human@1', evaluation: base },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().evaluation.score).toBe(80);
  });

  it('answers 404 for another user’s session', async () => {
    const a = await signUp(t.app);
    const b = await signUp(t.app);
    const s = await start(t.app, a.auth);
    for (const [method, url, payload] of [
      ['GET', `/v1/interview/sessions/${s.session.id}`],
      ['POST', `/v1/interview/sessions/${s.session.id}/answers`, { text: 'hi', order: 1 }],
      ['POST', `/v1/interview/sessions/${s.session.id}/abandon`],
    ] as const) {
      const res = await t.app.inject({ method, url, headers: b.auth, payload });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await t.app.inject({ url: '/v1/interview/sessions', headers: b.auth })).json().items).toHaveLength(0);
  });
});

describe('failures and switches', () => {
  it('a failed evaluation job is retried and the answer is never lost', async () => {
    // The offline engine, made to fail its first two evaluations as a real engine outage would.
    const offline = createOfflineChat({ tasks: aiTaskRegistry(interviewProduct.aiTasks) });
    let failuresLeft = 2;
    const flaky: ChatProvider = {
      name: 'offline',
      chat(request) {
        if (request.jsonSchema?.name === 'answer_evaluation' && failuresLeft > 0) {
          failuresLeft--;
          throw new AiProviderError('engine_down', 'the evaluation engine is down', false, 503);
        }
        return offline.chat(request);
      },
    };
    const f = await createTestApp({ deps: { products: [interviewProduct], aiProviders: { chat: flaky }, jobs: { pollingSeconds: 0.5 } } });
    try {
      const u = await signUp(f.app);
      const s = await start(f.app, u.auth, 'DevOps Engineer', 1);
      const a = await answer(
        f.app,
        u.auth,
        s.session.id,
        'I automate deployments with blue-green releases and roll back on failed health checks.',
      );
      expect(a.statusCode).toBe(201);
      await waitFor(
        async () => {
          const [r] = await f.database.query<{ evaluation_error: string | null }>(
            'SELECT evaluation_error FROM interview.interview_records WHERE session_id = $1',
            [s.session.id],
          );
          return !!r?.evaluation_error;
        },
        30_000,
        'a failed evaluation attempt',
      );
      const [kept] = await f.database.query<{ answer_text: string }>(
        'SELECT answer_text FROM interview.interview_records WHERE session_id = $1',
        [s.session.id],
      );
      expect(kept!.answer_text).toContain('blue-green');
      const done = await waitForValue(
        'the retried evaluation and completion',
        async () => {
          const res = (await f.app.inject({ url: `/v1/interview/sessions/${s.session.id}`, headers: u.auth })).json();
          return res.session.status === 'completed' ? res : null;
        },
        90_000,
      );
      expect(failuresLeft).toBe(0);
      expect(done.records[0].evaluation.feedback.length).toBeGreaterThan(0);
      expect(done.records[0].answerText).toContain('blue-green');
      expect(done.records[0].evaluationStatus).toBe('done');
    } finally {
      await f.close();
    }
  }, 120_000);

  it('completes without emotion data when emotion analysis is switched off', async () => {
    const f = await createTestApp({
      config: { productEnvironment: { INTERVIEW_QUESTION_COUNT: '1', INTERVIEW_EMOTION_ANALYSIS: 'false' } },
      deps: { products: [interviewProduct], jobs: { pollingSeconds: 0.5 } },
    });
    try {
      const u = await signUp(f.app);
      const s = await start(f.app, u.auth, 'Sales Representative', 1);
      await answer(f.app, u.auth, s.session.id, 'I listen first, then I map the customer problem to what we offer.');
      const done = await waitForValue('completion', async () => {
        const res = (await f.app.inject({ url: `/v1/interview/sessions/${s.session.id}`, headers: u.auth })).json();
        return res.session.status === 'completed' ? res : null;
      });
      expect(done.session.emotionSummary).toBeNull();
      expect(done.records[0].emotionSummary).toBeNull();
      expect(done.records[0].emotionStatus).toBe('skipped');
      expect(done.records[0].evaluation.score).toBeGreaterThanOrEqual(0);
      const calls = await f.database.query<{ prompt_version: string }>(
        "SELECT prompt_version FROM core.ai_calls WHERE prompt_version LIKE 'emotion%'",
      );
      expect(calls).toHaveLength(0);
    } finally {
      await f.close();
    }
  });
});
