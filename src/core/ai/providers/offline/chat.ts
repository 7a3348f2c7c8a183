import type { ChatMessage } from '../../engine.js';
import { aiTaskRegistry, readTaskFields, type AiTaskRegistry } from '../../tasks.js';
import type { ChatProvider, ProviderChatEvent, ProviderChatRequest } from '../provider.js';
import { personaReply } from './persona-reply.js';
import { countTokens } from '../../text.js';

export const OFFLINE_CHAT_MODEL = 'offline-templates-v1';

type Json = Record<string, unknown>;

function lastUser(messages: ChatMessage[]): string {
  return [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

/** The registered task's analyzer on the task's labelled fields; a persona reply for a task it does not know. */
function analyze(tasks: AiTaskRegistry, name: string, messages: ChatMessage[]): unknown {
  const task = tasks.get(name);
  if (!task) return { text: personaReply(messages) };
  const content = lastUser(messages);
  const fields = readTaskFields(content);
  return task.analyzeOffline({ fields, text: fields.text ?? content, content, messages });
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
export function offlineChatText(request: Pick<ProviderChatRequest, 'messages' | 'jsonSchema'>, tasks: AiTaskRegistry): string {
  if (!request.jsonSchema) return personaReply(request.messages);
  const raw = analyze(tasks, request.jsonSchema.name, request.messages);
  const fallback = typeof (raw as Json)?.text === 'string' ? ((raw as Json).text as string) : personaReply(request.messages);
  return JSON.stringify(fitToSchema(raw, request.jsonSchema.schema, fallback));
}

/**
 * Deterministic offline chat: the reply streamed word by word, usage counted by the offline tokenizer. Structured
 * tasks are answered by their analyzers in `tasks` (the generic ones when none are given).
 */
export function createOfflineChat(options: { tasks?: AiTaskRegistry } = {}): ChatProvider {
  const tasks = options.tasks ?? aiTaskRegistry();
  return {
    name: 'offline',
    async *chat(request): AsyncIterable<ProviderChatEvent> {
      let text = offlineChatText(request, tasks);
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
