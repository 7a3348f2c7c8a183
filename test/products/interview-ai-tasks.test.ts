import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { interviewProduct } from '../../src/products/interview/index.js';
import { answerEvaluationTask, interviewQuestionTask } from '../../src/products/interview/ai-tasks.js';
import { evaluateAnswer } from '../../src/products/interview/answer-evaluation.js';
import { INTERVIEW_POSITIONS, nextInterviewQuestion } from '../../src/products/interview/question-bank.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the offline interviewer', () => {
  it('rubric evaluator: a specific, structured, on-topic answer beats a short vague one', () => {
    const question = 'Describe how you would find and fix a slow database query in production.';
    const good = evaluateAnswer({
      question,
      position: 'Backend Developer',
      answer:
        'First, I would look at the slow query log and pg_stat_statements to find the query that costs the most time in production. ' +
        'Then I run EXPLAIN ANALYZE to see the plan; for example, at my last job a query did a sequential scan over 40 million rows because an index was missing. ' +
        'I added a composite index concurrently, so the table was never locked, and the query went from 3 seconds to 15 milliseconds. ' +
        'Finally, I added a regression check to our dashboards so we would see it if the query slowed down again. As a result, database CPU fell by 30 percent.',
    });
    const weak = evaluateAnswer({ question, answer: 'I would make it faster.' });
    expect(good.score).toBeGreaterThan(70);
    expect(weak.score).toBeLessThan(35);
    expect(good.score).toBeLessThanOrEqual(100);
    expect(good.strengths.length).toBeGreaterThan(0);
    expect(weak.improvements.length).toBeGreaterThan(0);
    expect(good.keywords).toContain('query');
    expect(evaluateAnswer({ question, answer: '' }).score).toBe(0);
  });

  it('question banks: at least eight positions, no repeats, introduction first', () => {
    expect(INTERVIEW_POSITIONS.length).toBeGreaterThanOrEqual(8);
    const asked: string[] = [];
    for (let i = 0; i < 6; i++) asked.push(nextInterviewQuestion('Senior Backend Developer', asked).question);
    expect(new Set(asked).size).toBe(6);
    expect(asked[0]).toMatch(/tell me about yourself/i);
    expect(asked.some((q) => /database|API|retry|traffic|backend/i.test(q))).toBe(true);
    expect(nextInterviewQuestion('Backend Developer', []).question).toBe(asked[0]);
  });
});

describe('the interview tasks through the offline chat', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ deps: { products: [interviewProduct] } });
  });
  afterAll(async () => t?.close());

  it('answer evaluation and the next question answer schema-valid JSON from the interview’s analyzers', async () => {
    const ajv = new Ajv({ strict: false });
    const evaluation = answerEvaluationTask.request({
      position: 'Data Scientist',
      question: 'How do you detect data leakage?',
      answer:
        'I split by time first, then I check that no feature uses information from after the prediction date. For example, once a model scored 0.99 AUC because of a leaked refund flag.',
    });
    expect(evaluation.promptVersion).toBe('answer_evaluation@1');
    const scored = await t.app.core.ai.chat(evaluation).result;
    expect(ajv.validate(answerEvaluationTask.schema, scored.json), JSON.stringify(scored.json)).toBe(true);
    expect((scored.json as { score: number }).score).toBeGreaterThan(0);
    const next = interviewQuestionTask.request({
      position: 'Data Scientist',
      previous: [{ question: 'Tell me about yourself and why you are interested in this role.', answer: 'I like data.' }],
    });
    const asked = await t.app.core.ai.chat(next).result;
    expect(ajv.validate(interviewQuestionTask.schema, asked.json), JSON.stringify(asked.json)).toBe(true);
    expect((asked.json as { question: string }).question).not.toMatch(/tell me about yourself/i);
    expect(JSON.parse(asked.text)).toEqual(asked.json);
  });
});
