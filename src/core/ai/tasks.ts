import type { ChatMessage, ChatRequest } from './engine.js';
import { analyzeEmotion, EMOTIONS } from './providers/offline/emotion.js';
import { summarize } from './providers/offline/summary.js';
import { words } from './text.js';

/**
 * Structured tasks asked of `chat`: a task's request carries messages, a JSON schema and a prompt version. An LLM
 * reads the instructions; the offline provider finds the task by `jsonSchema.name` and runs its deterministic
 * analyzer on the labelled lines (`Question:`, `Answer:`, `Text:` …). Summary, emotion and title are generic and
 * live here; a product declares its own tasks (`aiTasks` in `defineProduct`).
 */
export type TaskRequest = Pick<ChatRequest, 'messages' | 'jsonSchema' | 'promptVersion'>;

export type JsonSchema = Record<string, unknown>;

/** What the offline provider hands a task's analyzer. */
export interface OfflineTaskInput {
  /** The labelled lines of the last user message, keys lower-cased (`question`, `max sentences`). */
  fields: Record<string, string>;
  /** The `Text:` field, else the whole last user message. */
  text: string;
  /** The last user message, whole. */
  content: string;
  messages: ChatMessage[];
}

export interface AiTask<I = any> {
  /** The structured-output name providers receive (`jsonSchema.name`), unique across the deployment. */
  readonly name: string;
  readonly schema: JsonSchema;
  /** The messages, schema and prompt version (`<name>@<version>`) for one input. */
  request(input: I): TaskRequest;
  /** The offline provider's deterministic answer; the provider fits it to the schema. */
  analyzeOffline(input: OfflineTaskInput): unknown;
}

/** The shape of an OpenAI structured-output name, which is what a task's name travels as. */
export const AI_TASK_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export function defineAiTask<I>(spec: {
  name: string;
  version: number;
  schema: JsonSchema;
  /** What the model is asked; told also to answer with one JSON object matching the schema. */
  instructions: string | ((input: I) => string);
  /** The labelled lines of the user message; undefined ones are left out, each value on one line. */
  fields(input: I): Record<string, string | undefined>;
  analyzeOffline(input: OfflineTaskInput): unknown;
}): AiTask<I> {
  if (!AI_TASK_NAME.test(spec.name)) throw new Error(`AI task name "${spec.name}" must match ${AI_TASK_NAME}`);
  return {
    name: spec.name,
    schema: spec.schema,
    analyzeOffline: spec.analyzeOffline,
    request(input) {
      const instructions = typeof spec.instructions === 'function' ? spec.instructions(input) : spec.instructions;
      const body = Object.entries(spec.fields(input))
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([k, v]) => `${k}: ${oneLine(v)}`)
        .join('\n');
      const messages: ChatMessage[] = [
        { role: 'system', content: `${instructions} Answer with one JSON object that matches the schema, nothing else.` },
        { role: 'user', content: body },
      ];
      return { messages, jsonSchema: { name: spec.name, schema: spec.schema }, promptVersion: `${spec.name}@${spec.version}` };
    },
  };
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

export const StringList = { type: 'array', items: { type: 'string' } };

const summary = defineAiTask<{ text: string; maxSentences?: number; previousSummary?: string }>({
  name: 'summary',
  version: 1,
  schema: {
    type: 'object',
    properties: { summary: { type: 'string' }, keyPoints: StringList },
    required: ['summary', 'keyPoints'],
    additionalProperties: false,
  },
  instructions: (input) =>
    `Summarize the text in at most ${input.maxSentences ?? 3} sentences using its own wording, and list up to five key points.${input.previousSummary ? ' Extend the previous summary with what the new text adds.' : ''}`,
  fields: (input) => ({
    'Max sentences': String(input.maxSentences ?? 3),
    'Previous summary': input.previousSummary || undefined,
    Text: input.text,
  }),
  analyzeOffline({ fields, text }) {
    const s = summarize(text, { maxSentences: Number(fields['max sentences']) || 3 });
    const previous = fields['previous summary'];
    return { summary: previous ? `${previous} ${s.summary}`.trim() : s.summary, keyPoints: s.keyPoints };
  },
});

const emotion = defineAiTask<string>({
  name: 'emotion',
  version: 1,
  schema: {
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
  instructions: `Classify the emotion of the text into exactly these emotions: ${EMOTIONS.join(', ')}. Give a probability per emotion (summing to 1), the dominant one, and the sentiment (label and score from -1 to 1).`,
  fields: (text) => ({ Text: text }),
  analyzeOffline({ text }) {
    const e = analyzeEmotion(text);
    return { dominantEmotion: e.dominantEmotion, emotionScores: e.emotionScores, sentiment: e.sentiment };
  },
});

const title = defineAiTask<string>({
  name: 'title',
  version: 1,
  schema: {
    type: 'object',
    properties: { title: { type: 'string', minLength: 1, maxLength: 80 } },
    required: ['title'],
    additionalProperties: false,
  },
  instructions: 'Write a short title (at most 6 words) for a conversation that starts with this message.',
  fields: (firstMessage) => ({ Text: firstMessage }),
  analyzeOffline({ text }) {
    const title = words(text).slice(0, 6).join(' ') || 'New conversation';
    return { title: title.charAt(0).toUpperCase() + title.slice(1) };
  },
});

/** The tasks every deployment has, whatever products it runs. */
export const GENERIC_AI_TASKS: readonly AiTask[] = [summary, emotion, title];

export function summaryTask(text: string, opts: { maxSentences?: number; previousSummary?: string } = {}): TaskRequest {
  return summary.request({ text, ...opts });
}

export function emotionTask(text: string): TaskRequest {
  return emotion.request(text);
}

export function titleTask(firstMessage: string): TaskRequest {
  return title.request(firstMessage);
}

export type AiTaskRegistry = ReadonlyMap<string, AiTask>;

/** The generic tasks and the enabled products' own, by name; two tasks with one name are refused at start. */
export function aiTaskRegistry(productTasks: readonly AiTask[] = []): AiTaskRegistry {
  const registry = new Map<string, AiTask>();
  for (const task of [...GENERIC_AI_TASKS, ...productTasks]) {
    if (registry.has(task.name)) throw new Error(`two AI tasks are named "${task.name}"`);
    registry.set(task.name, task);
  }
  return registry;
}
