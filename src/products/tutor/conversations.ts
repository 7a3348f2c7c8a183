import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { ChatMessage } from '../../core/ai/engine.js';
import type { TurnLatency } from '../../core/voice/protocol.js';
import { aiConversations, aiConversationTurns } from './schema.js';
import type { Conversation, Difficulty, Turn } from './contract.js';

type ConversationRow = typeof aiConversations.$inferSelect;
type TurnRow = typeof aiConversationTurns.$inferSelect;

const LEVEL: Record<Difficulty, string> = {
  상: 'advanced: natural speed, idioms, longer sentences',
  중: 'intermediate: everyday vocabulary, moderate sentences',
  하: 'beginner: short, simple sentences and common words',
};
const MAX_TURNS = 50;

export const conversationNotFound = () => new AppError('tutor.conversation_not_found', 404, 'conversation not found');

export function conversationView(c: ConversationRow): Conversation {
  return {
    conversationId: c.id,
    studentId: c.studentId,
    timestamp: c.createdAt.toISOString(),
    difficulty: c.difficulty,
    role: c.role,
    situation: c.situation,
    topic: c.topic,
    turnCount: c.turnCount,
    message: c.message,
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** The first sentence of the AI's reply: what the student is invited to say or answer next. */
function recommendedSentence(reply: string): string | null {
  const first = reply
    .trim()
    .split(/(?<=[.!?])\s+/)[0]
    ?.trim();
  return first ? first.slice(0, 500) : null;
}

/** The role-play prompt for the student's next line: the conversation must be theirs and not full. */
export async function rolePlayMessages(
  core: ProductContext,
  studentId: string,
  conversationId: string,
  text: string,
): Promise<ChatMessage[]> {
  const [conv] = await core.db
    .select()
    .from(aiConversations)
    .where(and(eq(aiConversations.id, conversationId), eq(aiConversations.studentId, studentId)));
  if (!conv) throw conversationNotFound();
  if (conv.turnCount >= MAX_TURNS)
    throw new AppError('tutor.conversation_full', 409, `a conversation has at most ${MAX_TURNS} turns; start a new one`);
  const turns = await conversationTurnsQuery(core.db, conversationId);
  return [
    {
      role: 'system',
      content: `You are a ${conv.role} in this situation: ${conv.situation}.${conv.topic ? ` Topic: ${conv.topic}.` : ''} Speak English for a Korean learner at level ${LEVEL[conv.difficulty]}. Stay in your role and keep replies to two or three sentences.`,
    },
    ...turns.flatMap((t): ChatMessage[] => [
      { role: 'user', content: t.studentText },
      ...(t.aiText.trim() ? [{ role: 'assistant' as const, content: t.aiText }] : []),
    ]),
    { role: 'user', content: text },
  ];
}

/** Stores a turn and moves the conversation's count and recommended sentence, together. */
export async function storeTurn(
  core: ProductContext,
  conversationId: string,
  studentText: string,
  aiText: string,
  spoken?: { interrupted: boolean; latency: TurnLatency },
) {
  return inTransaction(core.db, async (tx) => {
    const [locked] = await tx.select().from(aiConversations).where(eq(aiConversations.id, conversationId)).for('update');
    const turn = locked!.turnCount + 1;
    const now = core.clock.now();
    const [stored] = await tx
      .insert(aiConversationTurns)
      .values({ conversationId, turn, studentText, aiText, createdAt: now, ...spoken })
      .returning();
    const [updated] = await tx
      .update(aiConversations)
      .set({ turnCount: sql`${aiConversations.turnCount} + 1`, message: recommendedSentence(aiText), updatedAt: now })
      .where(eq(aiConversations.id, conversationId))
      .returning();
    return { conversation: updated!, turn: turnView(stored!) };
  });
}

export function turnView(t: TurnRow): Turn {
  return {
    turn: t.turn,
    studentText: t.studentText,
    aiText: t.aiText,
    createdAt: t.createdAt.toISOString(),
    interrupted: t.interrupted,
    latency: t.latency ?? null,
  };
}

/** A conversation's turns in order. */
export const conversationTurnsQuery = (db: Db, conversationId: string) =>
  db
    .select()
    .from(aiConversationTurns)
    .where(eq(aiConversationTurns.conversationId, conversationId))
    .orderBy(asc(aiConversationTurns.turn));

/** The seed's conversation_id-index (here the primary key). */
export const conversationByIdQuery = (db: Db, id: string) => db.select().from(aiConversations).where(eq(aiConversations.id, id));

/** A student's conversations, newest first (PK student + timestamp). */
export function studentConversationsQuery(db: Db, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return db
    .select()
    .from(aiConversations)
    .where(
      and(
        eq(aiConversations.studentId, studentId),
        after
          ? or(lt(aiConversations.createdAt, after.at), and(eq(aiConversations.createdAt, after.at), lt(aiConversations.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(aiConversations.createdAt), desc(aiConversations.id))
    .limit(limit);
}
