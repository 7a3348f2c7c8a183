import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { AppError } from '../../core/http/errors.js';
import type { ChatMessage } from '../../core/ai/engine.js';
import { emotionTask } from '../../core/ai/tasks.js';
import { conversations, EMOTIONS, messages, personas } from './schema.js';
import { storeAssistantMessage, type AssistantMessageInput, type MessageRow } from './conversations.js';
import { publishConversationEvent, publishDelta } from './events.js';
import { chatSettings } from './environment.js';

export const REPLY_PROMPT_VERSION = 'chat.reply@1';

/** A rough token count (four characters a token) for fitting history into the context budget. */
const approxTokens = (text: string) => Math.ceil(text.length / 4) + 4;

/** The persona's system prompt and the newest active history that fits the context budget, oldest first. */
async function promptFor(core: ProductContext, conversationId: string, upTo: MessageRow): Promise<ChatMessage[]> {
  const [conv] = await core.db
    .select({ systemPrompt: personas.systemPrompt, name: personas.name })
    .from(conversations)
    .innerJoin(personas, eq(personas.id, conversations.personaId))
    .where(eq(conversations.id, conversationId));
  const system = `${conv!.systemPrompt}\nYour name is ${conv!.name}.`;
  const history = await core.db
    .select({ role: messages.role, content: messages.content, createdAt: messages.createdAt, id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.active, true),
        sql`(${messages.createdAt}, ${messages.id}) <= (${upTo.createdAt}, ${upTo.id})`,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(200);
  let budget = core.settings(chatSettings).contextTokens - approxTokens(system);
  const kept: ChatMessage[] = [];
  for (const m of history) {
    const cost = approxTokens(m.content);
    if (kept.length > 0 && cost > budget) break;
    budget -= cost;
    kept.push({ role: m.role as 'user' | 'assistant', content: m.content });
  }
  return [{ role: 'system', content: system }, ...kept.reverse()];
}

async function emotionOf(core: ProductContext, userId: string, text: string): Promise<string | null> {
  if (!text.trim()) return 'neutral';
  try {
    const result = await core.ai.chat({ ...emotionTask(text), userId }).result;
    const emotion = (result.json as { dominantEmotion?: string } | undefined)?.dominantEmotion;
    return emotion && (EMOTIONS as readonly string[]).includes(emotion) ? emotion : 'neutral';
  } catch {
    return null;
  }
}

export interface ReplyCallbacks {
  onToken?: (delta: string) => void;
  signal?: AbortSignal;
  /** The reply this one is written to replace (a regeneration): hidden only once the new reply is stored. */
  replaces?: MessageRow;
}

/**
 * Asks the chat engine for the reply to `userMessage`, streams it, and stores it with its emotion,
 * tokens, provider and model. A stopped stream is stored as `unfinished`; a failed engine call stores
 * nothing (the user's message is already safe, and a reply being regenerated stays shown) and reports the error on
 * the channel and to the caller.
 */
export async function generateReply(core: ProductContext, userId: string, userMessage: MessageRow, cb: ReplyCallbacks = {}) {
  const conversationId = userMessage.conversationId;
  const prompt = await promptFor(core, conversationId, userMessage);
  try {
    const { result, text } = await streamCompletion(core, userId, conversationId, prompt, cb);
    const content = result.text || text;
    const input: AssistantMessageInput = {
      parentId: userMessage.id,
      content,
      emotion: await emotionOf(core, userId, content),
      tokensUsed: result.usage.promptTokens + result.usage.completionTokens,
      unfinished: result.finishReason === 'cancelled' || result.finishReason === 'length',
      provider: result.provider,
      model: result.model,
      latencyMs: Math.round(result.latencyMs),
    };
    return await storeAssistantMessage(core, conversationId, input, result.usage, { replaces: cb.replaces });
  } catch (err) {
    throw await replyFailed(core, conversationId, userMessage.id, err);
  }
}

/** Streams the engine's reply to the caller and to the conversation's channel. */
async function streamCompletion(core: ProductContext, userId: string, conversationId: string, prompt: ChatMessage[], cb: ReplyCallbacks) {
  let text = '';
  const stream = core.ai.chat({ messages: prompt, promptVersion: REPLY_PROMPT_VERSION, userId, signal: cb.signal });
  for await (const delta of stream) {
    text += delta;
    cb.onToken?.(delta);
    void publishDelta(core, conversationId, { messageId: null, delta }).catch(() => undefined);
  }
  return { result: await stream.result, text };
}

/** Tells the channel the reply failed; the error for the caller, with unexpected ones hidden behind a 502. */
async function replyFailed(core: ProductContext, conversationId: string, userMessageId: string, err: unknown): Promise<AppError> {
  const problem =
    err instanceof AppError
      ? { code: err.code, message: err.message }
      : { code: 'chat.reply_failed', message: 'the reply could not be generated' };
  await publishConversationEvent(core, conversationId, 'message.failed', { userMessageId, ...problem }).catch(() => undefined);
  if (err instanceof AppError) return err;
  core.log.error({ err, conversationId }, 'chat reply failed');
  return new AppError('chat.reply_failed', 502, 'the reply could not be generated; your message is saved — retry the reply');
}

/** The user message a retry answers: the newest active user message, which must not have an active reply yet. */
export async function pendingUserMessage(core: ProductContext, conversationId: string, messageId?: string): Promise<MessageRow> {
  const conditions = [eq(messages.conversationId, conversationId), eq(messages.role, 'user'), eq(messages.active, true)];
  if (messageId) conditions.push(eq(messages.id, messageId));
  const [msg] = await core.db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  if (!msg) throw new AppError('chat.message_not_found', 404, 'message not found');
  const [reply] = await core.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.parentId, msg.id), eq(messages.role, 'assistant'), eq(messages.active, true)))
    .orderBy(asc(messages.createdAt))
    .limit(1);
  if (reply) throw new AppError('chat.already_answered', 409, 'this message already has a reply; regenerate it instead');
  return msg;
}
