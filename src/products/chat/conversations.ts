import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { afterCursor, afterKey, decodeTimeCursor, toPage } from '../../core/http/pagination.js';
import { preparedPerDb } from '../../core/db/prepared.js';
import { pgErrorCode } from '../../core/db/database.js';
import { conversations, messages, personas } from './schema.js';
import { publishConversationEvent } from './events.js';
import { replyCompletedEvent } from './webhooks.js';
import { recordTokenUsage, utcDay } from './usage.js';
import type { TokenUsage } from '../../core/ai/engine.js';
import type { Conversation, ConversationListQuery, FeedbackRating, Message, MessageListQuery, StartConversationBody } from './contract.js';

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;

export const conversationNotFound = () => new AppError('chat.conversation_not_found', 404, 'conversation not found');

/** The conversation if it is this user's; another user's answers 404 exactly like a missing one. */
export async function ownConversation(core: ProductContext, userId: string, id: string): Promise<ConversationRow> {
  const [row] = await ownConversationQuery(core.db, null).execute({ id, userId });
  if (!row) throw conversationNotFound();
  return row;
}

const ownConversationQuery = preparedPerDb((db) =>
  db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, sql.placeholder('id')), eq(conversations.userId, sql.placeholder('userId'))))
    .prepare('chat_own_conversation'),
);

export function conversationView(c: ConversationRow): Conversation {
  return {
    id: c.id,
    personaId: c.personaId,
    title: c.title,
    messageCount: c.messageCount,
    archived: c.archivedAt !== null,
    archivedAt: c.archivedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function messageView(m: MessageRow): Message {
  return {
    id: m.id,
    conversationId: m.conversationId,
    parentId: m.parentId,
    role: m.role as Message['role'],
    content: m.content,
    emotion: m.emotion,
    tokensUsed: m.tokensUsed,
    active: m.active,
    unfinished: m.unfinished,
    provider: m.provider,
    model: m.model,
    latencyMs: m.latencyMs,
    feedback: m.feedback === 1 ? 'up' : m.feedback === -1 ? 'down' : null,
    feedbackComment: m.feedbackComment,
    createdAt: m.createdAt.toISOString(),
  };
}

/** A title from the first message: its first line, cut at a word boundary. */
export function titleFrom(content: string): string {
  const line = content.trim().split(/\r?\n/)[0]!.replace(/\s+/g, ' ');
  if (line.length <= 60) return line;
  const cut = line.slice(0, 60);
  const space = cut.lastIndexOf(' ');
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * One round trip: the insert takes the persona only while it is active, so a missing or deactivated one leaves
 * `persona_id` null and the insert fails; only then is the persona read, to say which of the two it was.
 */
export async function createConversation(core: ProductContext, userId: string, input: StartConversationBody) {
  // An insert's placeholders go through their columns' encoders (a Date here); a condition's are sent as given.
  const now = core.clock.now();
  try {
    const [row] = await insertConversationQuery(core.db, null).execute({
      id: uuidv7(),
      userId,
      personaId: input.personaId,
      title: input.title ?? null,
      now,
    });
    return row!;
  } catch (err) {
    if (pgErrorCode(err) !== NOT_NULL_VIOLATION) throw err;
    const [persona] = await personaStateQuery(core.db, null).execute({ id: input.personaId });
    if (!persona) {
      throw new AppError('chat.persona_not_found', 404, `no persona "${input.personaId}"`, {
        errors: [{ field: 'personaId', message: 'is not a persona' }],
      });
    }
    if (!persona.isActive) {
      throw new AppError('chat.persona_inactive', 409, `persona "${input.personaId}" accepts no new conversations`, {
        errors: [{ field: 'personaId', message: 'is deactivated' }],
      });
    }
    throw err;
  }
}

const NOT_NULL_VIOLATION = '23502';

const personaStateQuery = preparedPerDb((db) =>
  db
    .select({ id: personas.id, isActive: personas.isActive })
    .from(personas)
    .where(eq(personas.id, sql.placeholder('id')))
    .prepare('chat_persona_state'),
);

const insertConversationQuery = preparedPerDb((db) =>
  db
    .insert(conversations)
    .values({
      id: sql.placeholder('id'),
      userId: sql.placeholder('userId'),
      personaId: sql`(select ${personas.id} from ${personas} where ${personas.id} = ${sql.placeholder('personaId')} and ${personas.isActive})`,
      title: sql.placeholder('title'),
      createdAt: sql.placeholder('now'),
      updatedAt: sql.placeholder('now'),
    })
    .returning()
    .prepare('chat_insert_active_persona_conversation'),
);

/** The list query with its page size settled. */
export type ConversationListOptions = ConversationListQuery & { limit: number };

/** The conversation-list query: newest activity first, served by (user_id, updated_at DESC, id DESC). */
export function conversationsPageQuery(db: Db, userId: string, opts: ConversationListOptions) {
  const sortColumn = opts.archived ? conversations.archivedAt : conversations.updatedAt;
  const conditions = [
    eq(conversations.userId, userId),
    opts.archived ? isNotNull(conversations.archivedAt) : isNull(conversations.archivedAt),
    afterCursor(opts.cursor, sortColumn, conversations.id, 'desc'),
  ];
  if (opts.q) conditions.push(ilike(conversations.title, `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return db
    .select()
    .from(conversations)
    .where(and(...conditions))
    .orderBy(desc(sortColumn), desc(conversations.id))
    .limit(opts.limit + 1);
}

/** Newest activity first; archived ones only when asked; `q` searches titles. */
export async function listConversations(core: ProductContext, userId: string, opts: ConversationListOptions) {
  const rows = await conversationsPageQuery(core.db, userId, opts);
  return toPage(rows, opts.limit, (c) => [(opts.archived ? c.archivedAt! : c.updatedAt).toISOString(), c.id], conversationView);
}

export type MessageListOptions = MessageListQuery & { limit: number };

/** The message-page query: oldest first, keyset on (created_at, id), served by (conversation_id, created_at, id). */
export function messagesPageQuery(db: Db, conversationId: string, opts: MessageListOptions) {
  const conditions = [eq(messages.conversationId, conversationId), afterCursor(opts.cursor, messages.createdAt, messages.id, 'asc')];
  if (!opts.all) conditions.push(eq(messages.active, true));
  return db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(opts.limit + 1);
}

/** `messagesPageQuery`, prepared once for each of its four shapes (with or without a cursor, all branches or not). */
const preparedMessagesPage = preparedPerDb((db, shape: `${'after' | 'first'}-${'all' | 'active'}`) => {
  const conditions = [
    eq(messages.conversationId, sql.placeholder('conversationId')),
    // Only the owner's: the ownership check rides along in the same round trip.
    sql`exists (select 1 from ${conversations} where ${conversations.id} = ${sql.placeholder('conversationId')} and ${conversations.userId} = ${sql.placeholder('userId')})`,
  ];
  if (shape.startsWith('after'))
    conditions.push(afterKey(messages.createdAt, messages.id, { at: sql.placeholder('afterAt'), id: sql.placeholder('afterId') }, 'asc')!);
  if (shape.endsWith('active')) conditions.push(eq(messages.active, true));
  return db
    .select()
    .from(messages)
    .where(and(...conditions))
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(sql.placeholder('limit'))
    .prepare(`chat_messages_page_${shape.replace('-', '_')}`);
});

/**
 * A page of the user's conversation, oldest first, the active branch unless `all`: one query, which finds
 * nothing in another user's conversation. Only an empty page asks whether the conversation is the user's (404).
 */
export async function listMessages(core: ProductContext, userId: string, conversationId: string, opts: MessageListOptions) {
  const after = decodeTimeCursor(opts.cursor);
  const rows = await preparedMessagesPage(core.db, `${after ? 'after' : 'first'}-${opts.all ? 'all' : 'active'}`).execute({
    conversationId,
    userId,
    limit: opts.limit + 1,
    afterAt: after?.at.toISOString() ?? null,
    afterId: after?.id ?? null,
  });
  if (!rows.length) await ownConversation(core, userId, conversationId);
  return toPage(rows, opts.limit, (m) => [m.createdAt.toISOString(), m.id], messageView);
}

/**
 * Stores a user message: one transaction that locks the conversation row, so concurrent sends keep
 * `message_count` exact and each message follows the one before it. A new message also brings an
 * archived conversation back. An edit (`replacing`) hides the message it replaces and everything shown
 * after it in the same transaction, and takes its place under the same parent.
 */
export async function storeUserMessage(
  core: ProductContext,
  userId: string,
  conversationId: string,
  content: string,
  opts: { replacing?: MessageRow } = {},
) {
  const message = await inTransaction(core.db, async (tx, afterCommit) => {
    const [conv] = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)))
      .for('update');
    if (!conv) throw conversationNotFound();
    let parentId = conv.lastMessageId;
    let retired = 0;
    if (opts.replacing) {
      const [still] = await tx.select({ active: messages.active }).from(messages).where(eq(messages.id, opts.replacing.id));
      if (!still?.active) throw new AppError('chat.inactive_branch', 409, 'switch to this branch before editing it');
      retired = await retireFrom(tx, conversationId, opts.replacing);
      parentId = opts.replacing.parentId;
    }
    const now = core.clock.now();
    const createdAt = new Date(Math.max(now.getTime(), conv.updatedAt.getTime()));
    const [row] = await tx
      .insert(messages)
      .values({ id: uuidv7(), conversationId, parentId, role: 'user', content, createdAt })
      .returning();
    await tx
      .update(conversations)
      .set({
        messageCount: sql`${conversations.messageCount} + ${1 - retired}`,
        updatedAt: createdAt,
        lastMessageId: row!.id,
        archivedAt: null,
        title: conv.title ?? titleFrom(content),
      })
      .where(eq(conversations.id, conversationId));
    await publishConversationEvent(core, conversationId, 'message.created', messageView(row!), { tx, afterCommit });
    return row!;
  });
  return message;
}

export interface AssistantMessageInput {
  parentId: string;
  content: string;
  emotion: string | null;
  tokensUsed: number;
  unfinished: boolean;
  provider: string;
  model: string;
  latencyMs: number;
}

/**
 * Stores a reply. It is shown (and counted) only while the message it answers is shown: a reply that finishes after
 * its question was edited away is kept as a hidden branch. A regenerated reply (`replaces`) hides the reply it
 * replaces, and what was shown after it, in the same transaction, so a failed regeneration changes nothing.
 */
export async function storeAssistantMessage(
  core: ProductContext,
  conversationId: string,
  input: AssistantMessageInput,
  usage: TokenUsage,
  opts: { replaces?: MessageRow } = {},
) {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [conv] = await tx.select().from(conversations).where(eq(conversations.id, conversationId)).for('update');
    if (!conv) throw conversationNotFound();
    const shownIds = [input.parentId, ...(opts.replaces ? [opts.replaces.id] : [])];
    const shown = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(inArray(messages.id, shownIds), eq(messages.active, true)));
    const active = shown.length === shownIds.length;
    const retired = active && opts.replaces ? await retireFrom(tx, conversationId, opts.replaces) : 0;
    const createdAt = new Date(Math.max(core.clock.now().getTime(), conv.updatedAt.getTime()));
    const [row] = await tx
      .insert(messages)
      .values({ id: uuidv7(), conversationId, role: 'assistant', createdAt, active, ...input })
      .returning();
    await tx
      .update(conversations)
      .set({
        ...(active ? { messageCount: sql`${conversations.messageCount} + ${1 - retired}`, lastMessageId: row!.id } : {}),
        updatedAt: createdAt,
        archivedAt: null,
      })
      .where(eq(conversations.id, conversationId));
    await recordTokenUsage(tx, conv.userId, utcDay(core.clock.now()), usage);
    await publishConversationEvent(core, conversationId, 'message.completed', messageView(row!), { tx, afterCommit });
    await core.webhooks.emit(tx, replyCompletedEvent, {
      conversationId,
      messageId: row!.id,
      replyToMessageId: input.parentId,
      userId: conv.userId,
      personaId: conv.personaId,
      unfinished: input.unfinished,
      emotion: input.emotion,
      tokensUsed: input.tokensUsed,
      provider: input.provider,
      model: input.model,
      latencyMs: input.latencyMs,
      createdAt: createdAt.toISOString(),
    });
    return row!;
  });
}

export async function ownMessage(core: ProductContext, userId: string, messageId: string) {
  const [row] = await core.db
    .select({ message: messages, conversation: conversations })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, messageId), eq(conversations.userId, userId)));
  if (!row) throw new AppError('chat.message_not_found', 404, 'message not found');
  return row;
}

/** A message of a conversation the caller has already checked. */
export async function messageInConversation(core: ProductContext, conversationId: string, messageId: string): Promise<MessageRow> {
  const [row] = await core.db
    .select()
    .from(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)));
  if (!row) throw new AppError('chat.message_not_found', 404, 'message not found');
  return row;
}

/**
 * Hides a message and every active message after it, keeping them as an inactive branch; returns how many. Runs in
 * the caller's transaction, which holds the conversation row.
 */
async function retireFrom(tx: Db, conversationId: string, from: MessageRow): Promise<number> {
  const hidden = await tx
    .update(messages)
    .set({ active: false })
    .where(
      and(
        eq(messages.conversationId, conversationId),
        eq(messages.active, true),
        or(gt(messages.createdAt, from.createdAt), and(eq(messages.createdAt, from.createdAt), sql`${messages.id} >= ${from.id}`)),
      ),
    )
    .returning({ id: messages.id });
  return hidden.length;
}

/** Messages with the same parent and role: the alternatives a branch switcher shows. */
export async function branchesOf(core: ProductContext, message: MessageRow) {
  const rows = await core.db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, message.conversationId),
        eq(messages.role, message.role),
        message.parentId ? eq(messages.parentId, message.parentId) : isNull(messages.parentId),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return rows.map(messageView);
}

/** Shows the branch through `message`: its ancestors and, below it, the newest reply at each step. */
export async function activateBranch(core: ProductContext, message: MessageRow) {
  await inTransaction(core.db, async (tx) => {
    await tx.select({ id: conversations.id }).from(conversations).where(eq(conversations.id, message.conversationId)).for('update');
    const all = await tx.select().from(messages).where(eq(messages.conversationId, message.conversationId)).for('update');
    const byId = new Map(all.map((m) => [m.id, m]));
    const path = new Set<string>();
    for (let m: MessageRow | undefined = message; m; m = m.parentId ? byId.get(m.parentId) : undefined) path.add(m.id);
    let leaf = message;
    for (;;) {
      const children = all
        .filter((m) => m.parentId === leaf.id)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      if (!children[0]) break;
      leaf = children[0];
      path.add(leaf.id);
    }
    await tx.update(messages).set({ active: false }).where(eq(messages.conversationId, message.conversationId));
    for (const id of path) await tx.update(messages).set({ active: true }).where(eq(messages.id, id));
    await tx
      .update(conversations)
      .set({ lastMessageId: leaf.id, messageCount: path.size })
      .where(eq(conversations.id, message.conversationId));
  });
}

export async function setFeedback(core: ProductContext, messageId: string, rating: FeedbackRating | null, comment: string | null) {
  const [row] = await core.db
    .update(messages)
    .set({
      feedback: rating === 'up' ? 1 : rating === 'down' ? -1 : null,
      feedbackComment: rating === null ? null : comment,
      feedbackAt: rating === null ? null : core.clock.now(),
    })
    .where(eq(messages.id, messageId))
    .returning();
  return row!;
}
