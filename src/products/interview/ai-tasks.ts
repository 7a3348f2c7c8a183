import { defineAiTask, StringList, type AiTask } from '../../core/ai/tasks.js';
import { evaluateAnswer } from './answer-evaluation.js';
import { nextInterviewQuestion } from './question-bank.js';

/** Scores an answer; its prompt version (`answer_evaluation@1`) is stored as the record's rubric version. */
export const answerEvaluationTask = defineAiTask<{ position: string; question: string; answer: string }>({
  name: 'answer_evaluation',
  version: 1,
  schema: {
    type: 'object',
    properties: {
      score: { type: 'integer', minimum: 0, maximum: 100 },
      feedback: { type: 'string' },
      keywords: StringList,
      strengths: StringList,
      improvements: StringList,
    },
    required: ['score', 'feedback', 'keywords', 'strengths', 'improvements'],
    additionalProperties: false,
  },
  instructions:
    'You are an interviewer. Score the candidate’s answer from 0 to 100 for relevance to the question, structure, specificity and length; list keywords, strengths and improvements, and write two sentences of feedback.',
  fields: (input) => ({ Position: input.position, Question: input.question, Answer: input.answer }),
  analyzeOffline: ({ fields, content }) =>
    evaluateAnswer({ question: fields.question ?? '', answer: fields.answer ?? content, position: fields.position }),
});

export const interviewQuestionTask = defineAiTask<{ position: string; previous: { question: string; answer?: string | null }[] }>({
  name: 'interview_question',
  version: 1,
  schema: {
    type: 'object',
    properties: { question: { type: 'string', minLength: 1 } },
    required: ['question'],
    additionalProperties: false,
  },
  instructions: `You are interviewing a candidate for the position given. Ask the next question: one question, not repeating earlier ones, building on the candidate's answers.`,
  fields: (input) => ({
    Position: input.position,
    ...Object.fromEntries(
      input.previous.flatMap((p, i) => [
        [`Asked ${i + 1}`, p.question],
        [`Answer ${i + 1}`, p.answer || undefined],
      ]),
    ),
  }),
  analyzeOffline({ fields }) {
    const asked = Object.entries(fields)
      .filter(([k]) => /^asked \d+$/.test(k))
      .map(([, v]) => v);
    return { question: nextInterviewQuestion(fields.position ?? 'candidate', asked).question };
  },
});

export const interviewAiTasks: AiTask[] = [answerEvaluationTask, interviewQuestionTask];
