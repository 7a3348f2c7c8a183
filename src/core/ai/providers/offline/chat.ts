import type { ChatMessage } from '../../engine.js';
import { readTaskFields } from '../../tasks.js';
import type { ChatProvider, ProviderChatEvent, ProviderChatRequest } from '../provider.js';
import { evaluateAnswer } from './answer-evaluation.js';
import { analyzeEmotion } from './emotion.js';
import { classifyIntent } from './intent.js';
import { personaReply } from './persona-reply.js';
import { nextInterviewQuestion } from './question-bank.js';
import { summarize } from './summary.js';
import { countTokens, words } from './text.js';

export const OFFLINE_CHAT_MODEL = 'offline-templates-v1';

type Json = Record<string, unknown>;

/** Other names a caller's intent list may use for the offline recognizer's intents. */
const INTENT_ALIASES: Record<string, string[]> = {
  device: ['device_support'],
  technical_support: ['network_issue'],
  payment: ['billing_inquiry'],
  general_inquiry: ['other'],
};

function lastUser(messages: ChatMessage[]): string {
  return [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

/** The analyzer behind each structured task, reading the task's labelled fields. */
function analyze(task: string, messages: ChatMessage[]): unknown {
  const content = lastUser(messages);
  const f = readTaskFields(content);
  const text = f.text ?? content;
  switch (task) {
    case 'summary': {
      const s = summarize(text, { maxSentences: Number(f['max sentences']) || 3 });
      return { summary: f['previous summary'] ? `${f['previous summary']} ${s.summary}`.trim() : s.summary, keyPoints: s.keyPoints };
    }
    case 'emotion': {
      const e = analyzeEmotion(text);
      return { dominantEmotion: e.dominantEmotion, emotionScores: e.emotionScores, sentiment: e.sentiment };
    }
    case 'answer_evaluation':
      return evaluateAnswer({ question: f.question ?? '', answer: f.answer ?? content, position: f.position });
    case 'interview_question': {
      const asked = Object.entries(f)
        .filter(([k]) => /^asked \d+$/.test(k))
        .map(([, v]) => v);
      return { question: nextInterviewQuestion(f.position ?? 'candidate', asked).question };
    }
    case 'intent': {
      const r = classifyIntent(text);
      const allowed = f.intents
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!allowed?.length) return { intent: r.intent, confidence: r.confidence, keywords: r.keywords };
      // The caller's own name for the recognized intent, if it has one (device → device_support).
      const named = [r.intent, ...(INTENT_ALIASES[r.intent] ?? [])].find((n) => allowed.includes(n));
      if (named) return { intent: named, confidence: r.confidence, keywords: r.keywords };
      const fallback = ['general_inquiry', 'other'].find((n) => allowed.includes(n)) ?? allowed[allowed.length - 1]!;
      return { intent: fallback, confidence: 0.3, keywords: [] };
    }
    case 'title': {
      const ws = words(text).slice(0, 6);
      const title = ws.join(' ') || 'New conversation';
      return { title: title.charAt(0).toUpperCase() + title.slice(1) };
    }
    default:
      return { text: personaReply(messages) };
  }
}

/** Shapes an analyzer's object to the caller's schema: known keys kept and coerced, required ones filled. */
export function fitToSchema(value: unknown, schema: Json, fallbackText: string): unknown {
  const enumValues = schema.enum as unknown[] | undefined;
  if (enumValues) return enumValues.includes(value) ? value : enumValues[0];
  if (schema.const !== undefined) return schema.const;
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  const num = (v: unknown) => {
    let n = typeof v === 'number' && Number.isFinite(v) ? v : typeof schema.minimum === 'number' ? schema.minimum : 0;
    if (typeof schema.minimum === 'number') n = Math.max(schema.minimum, n);
    if (typeof schema.maximum === 'number') n = Math.min(schema.maximum, n);
    return n;
  };
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Json>;
      const required = (schema.required ?? []) as string[];
      const src = value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
      const out: Json = {};
      for (const [key, sub] of Object.entries(props)) {
        if (src[key] !== undefined) out[key] = fitToSchema(src[key], sub, fallbackText);
        else if (required.includes(key)) out[key] = fitToSchema(sub.default, sub, fallbackText);
      }
      if (schema.additionalProperties !== false && !Object.keys(props).length) Object.assign(out, src);
      return out;
    }
    case 'array': {
      const items = (schema.items ?? {}) as Json;
      const arr = Array.isArray(value) ? value.map((v) => fitToSchema(v, items, fallbackText)) : [];
      const min = typeof schema.minItems === 'number' ? schema.minItems : 0;
      while (arr.length < min) arr.push(fitToSchema(undefined, items, fallbackText));
      return typeof schema.maxItems === 'number' ? arr.slice(0, schema.maxItems) : arr;
    }
    case 'integer':
      return Math.round(num(value));
    case 'number':
      return num(value);
    case 'boolean':
      return Boolean(value);
    case 'string': {
      let s = typeof value === 'string' ? value : value === undefined || value === null ? fallbackText : String(value);
      if (typeof schema.minLength === 'number' && s.length < schema.minLength) s = s.padEnd(schema.minLength, '.');
      return typeof schema.maxLength === 'number' ? s.slice(0, schema.maxLength) : s;
    }
    default:
      return value ?? fallbackText;
  }
}

/** The text the offline provider answers with: a persona reply, or JSON from the task's analyzer. */
export function offlineChatText(request: Pick<ProviderChatRequest, 'messages' | 'jsonSchema'>): string {
  if (!request.jsonSchema) return personaReply(request.messages);
  const raw = analyze(request.jsonSchema.name, request.messages);
  const fallback = typeof (raw as Json)?.text === 'string' ? ((raw as Json).text as string) : personaReply(request.messages);
  return JSON.stringify(fitToSchema(raw, request.jsonSchema.schema, fallback));
}

/** Deterministic offline chat: the reply streamed word by word, usage counted by the offline tokenizer. */
export function createOfflineChat(): ChatProvider {
  return {
    name: 'offline',
    async *chat(request): AsyncIterable<ProviderChatEvent> {
      let text = offlineChatText(request);
      let finishReason: 'stop' | 'length' = 'stop';
      if (request.maxTokens && !request.jsonSchema && countTokens(text) > request.maxTokens) {
        const pieces = text.match(/\S+\s*/g) ?? [];
        let kept = '';
        for (const p of pieces) {
          if (countTokens(kept + p) > request.maxTokens) break;
          kept += p;
        }
        text = kept.trimEnd();
        finishReason = 'length';
      }
      for (const piece of text.match(/\s*\S+/g) ?? []) {
        if (request.signal.aborted) throw request.signal.reason ?? new Error('aborted');
        yield { type: 'delta', text: piece };
        await new Promise((r) => setImmediate(r));
      }
      yield {
        type: 'done',
        usage: { promptTokens: countTokens(request.messages.map((m) => m.content).join('\n')), completionTokens: countTokens(text) },
        model: OFFLINE_CHAT_MODEL,
        finishReason,
      };
    },
  };
}
