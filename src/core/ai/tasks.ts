import type { ChatMessage, ChatRequest } from './engine.js';
import { EMOTIONS } from './providers/offline/emotion.js';

/**
 * Structured tasks the products ask of `chat`: each builder returns messages, a JSON schema and a prompt
 * version. An LLM reads the instructions; the offline provider recognizes the task by `jsonSchema.name`
 * and reads the labelled lines (`Question:`, `Answer:`, `Text:` …) with its deterministic analyzers.
 */
export type TaskRequest = Pick<ChatRequest, 'messages' | 'jsonSchema' | 'promptVersion'>;

export const TASK_NAMES = ['summary', 'emotion', 'answer_evaluation', 'interview_question', 'intent', 'title'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

const StringList = { type: 'array', items: { type: 'string' } };

export const TASK_SCHEMAS: Record<TaskName, Record<string, unknown>> = {
  summary: {
    type: 'object',
    properties: { summary: { type: 'string' }, keyPoints: StringList },
    required: ['summary', 'keyPoints'],
    additionalProperties: false,
  },
  emotion: {
    type: 'object',
    properties: {
      dominantEmotion: { type: 'string', enum: [...EMOTIONS] },
      emotionScores: {
        type: 'object',
        properties: Object.fromEntries(EMOTIONS.map((e) => [e, { type: 'number', minimum: 0, maximum: 1 }])),
        required: [...EMOTIONS],
        additionalProperties: false,
      },
      sentiment: {
        type: 'object',
        properties: {
          label: { type: 'string', enum: ['positive', 'negative', 'neutral'] },
          score: { type: 'number', minimum: -1, maximum: 1 },
        },
        required: ['label', 'score'],
        additionalProperties: false,
      },
    },
    required: ['dominantEmotion', 'emotionScores', 'sentiment'],
    additionalProperties: false,
  },
  answer_evaluation: {
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
  interview_question: {
    type: 'object',
    properties: { question: { type: 'string', minLength: 1 } },
    required: ['question'],
    additionalProperties: false,
  },
  intent: {
    type: 'object',
    properties: { intent: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 }, keywords: StringList },
    required: ['intent', 'confidence', 'keywords'],
    additionalProperties: false,
  },
  title: {
    type: 'object',
    properties: { title: { type: 'string', minLength: 1, maxLength: 80 } },
    required: ['title'],
    additionalProperties: false,
  },
};

function task(name: TaskName, version: number, instructions: string, fields: Record<string, string | undefined>): TaskRequest {
  const body = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const messages: ChatMessage[] = [
    { role: 'system', content: `${instructions} Answer with one JSON object that matches the schema, nothing else.` },
    { role: 'user', content: body },
  ];
  return { messages, jsonSchema: { name, schema: TASK_SCHEMAS[name] }, promptVersion: `${name}@${version}` };
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export function summaryTask(text: string, opts: { maxSentences?: number; previousSummary?: string } = {}): TaskRequest {
  return task(
    'summary',
    1,
    `Summarize the text in at most ${opts.maxSentences ?? 3} sentences using its own wording, and list up to five key points.${opts.previousSummary ? ' Extend the previous summary with what the new text adds.' : ''}`,
    {
      'Max sentences': String(opts.maxSentences ?? 3),
      'Previous summary': opts.previousSummary ? oneLine(opts.previousSummary) : undefined,
      Text: oneLine(text),
    },
  );
}

export function emotionTask(text: string): TaskRequest {
  return task(
    'emotion',
    1,
    `Classify the emotion of the text into exactly these emotions: ${EMOTIONS.join(', ')}. Give a probability per emotion (summing to 1), the dominant one, and the sentiment (label and score from -1 to 1).`,
    {
      Text: oneLine(text),
    },
  );
}

export function answerEvaluationTask(input: { position: string; question: string; answer: string }): TaskRequest {
  return task(
    'answer_evaluation',
    1,
    'You are an interviewer. Score the candidate’s answer from 0 to 100 for relevance to the question, structure, specificity and length; list keywords, strengths and improvements, and write two sentences of feedback.',
    {
      Position: oneLine(input.position),
      Question: oneLine(input.question),
      Answer: oneLine(input.answer),
    },
  );
}

export function interviewQuestionTask(input: { position: string; previous: { question: string; answer?: string | null }[] }): TaskRequest {
  return task(
    'interview_question',
    1,
    `You are interviewing a candidate for the position given. Ask the next question: one question, not repeating earlier ones, building on the candidate's answers.`,
    {
      Position: oneLine(input.position),
      ...Object.fromEntries(
        input.previous.flatMap((p, i) => [
          [`Asked ${i + 1}`, oneLine(p.question)],
          [`Answer ${i + 1}`, p.answer ? oneLine(p.answer) : undefined],
        ]),
      ),
    },
  );
}

export function intentTask(text: string, intents?: string[]): TaskRequest {
  return task(
    'intent',
    1,
    `Recognize the customer's intent in the text${intents ? ` as one of: ${intents.join(', ')}` : ''}; give a confidence from 0 to 1 and the words that show it.`,
    {
      Intents: intents?.join(', '),
      Text: oneLine(text),
    },
  );
}

export function titleTask(firstMessage: string): TaskRequest {
  return task('title', 1, 'Write a short title (at most 6 words) for a conversation that starts with this message.', {
    Text: oneLine(firstMessage),
  });
}

/** The labelled lines of a task message (`Question: …`), keys lower-cased. */
export function readTaskFields(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  let key: string | null = null;
  for (const line of content.split('\n')) {
    const m = /^([A-Za-z][A-Za-z0-9 ]{0,30}):\s?(.*)$/.exec(line);
    if (m) {
      key = m[1]!.toLowerCase();
      out[key] = m[2]!;
    } else if (key) out[key] += `\n${line}`;
  }
  return out;
}
