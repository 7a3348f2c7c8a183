import { defineAiTask, StringList, type AiTask } from '../../core/ai/tasks.js';
import { classifyIntent } from './intent.js';

/** Other names a caller's intent list may use for the offline recognizer's intents. */
const INTENT_ALIASES: Record<string, string[]> = {
  device: ['device_support'],
  technical_support: ['network_issue'],
  payment: ['billing_inquiry'],
  general_inquiry: ['other'],
};

/** The customer's intent, one of `intents` when given; offline, the keyword recognizer of `intent.ts`. */
export const intentTask = defineAiTask<{ text: string; intents?: string[] }>({
  name: 'intent',
  version: 1,
  schema: {
    type: 'object',
    properties: { intent: { type: 'string' }, confidence: { type: 'number', minimum: 0, maximum: 1 }, keywords: StringList },
    required: ['intent', 'confidence', 'keywords'],
    additionalProperties: false,
  },
  instructions: ({ intents }) =>
    `Recognize the customer's intent in the text${intents ? ` as one of: ${intents.join(', ')}` : ''}; give a confidence from 0 to 1 and the words that show it.`,
  fields: ({ text, intents }) => ({ Intents: intents?.join(', '), Text: text }),
  analyzeOffline({ fields, text }) {
    const r = classifyIntent(text);
    const allowed = fields.intents
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!allowed?.length) return { intent: r.intent, confidence: r.confidence, keywords: r.keywords };
    // The caller's own name for the recognized intent, if it has one (device → device_support).
    const named = [r.intent, ...(INTENT_ALIASES[r.intent] ?? [])].find((n) => allowed.includes(n));
    if (named) return { intent: named, confidence: r.confidence, keywords: r.keywords };
    const fallback = ['general_inquiry', 'other'].find((n) => allowed.includes(n)) ?? allowed[allowed.length - 1]!;
    return { intent: fallback, confidence: 0.3, keywords: [] };
  },
});

export const assistAiTasks: AiTask[] = [intentTask];
