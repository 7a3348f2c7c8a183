import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { ChatMessage } from '../../core/ai/engine.js';
import type { TurnLatency } from '../../core/voice/protocol.js';
import { aiConversations, aiConversationTurns } from './schema.js';
import type { Conversation, Difficulty, StartConversationBody, Turn } from './contract.js';

type ConversationRow = typeof aiConversations.$inferSelect;

const LEVEL: Record<Difficulty, string> = {
  상: 'advanced: natural speed, idioms, longer sentences',
  중: 'intermediate: everyday vocabulary, moderate sentences',
  하: 'beginner: short, simple sentences and common words',
};
const MAX_TURNS = 50;

export function conversationView(c: ConversationRow): Conversation {
  return {
    conversationId: c.id,
    studentId: c.studentId,
    timestamp: c.createdAt.toISOString(),
    difficulty: c.difficulty as Difficulty,
    role: c.role,
    situation: c.situation,
    topic: c.topic,
    turnCount: c.turnCount,
    message: c.message,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function startConversation(core: ProductContext, studentId: string, input: StartConversationBody) {
  const now = core.clock.now();
  const [row] = await core.db
    .insert(aiConversations)
    .values({
      id: uuidv7(),
      studentId,
      createdAt: now,
      updatedAt: now,
      difficulty: input.difficulty,
      role: input.role,
      situation: input.situation,
      topic: input.topic ?? null,
    })
    .returning();
  return row!;
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
  if (!conv) throw new AppError('tutor.conversation_not_found', 404, 'conversation not found');
  if (conv.turnCount >= MAX_TURNS)
    throw new AppError('tutor.conversation_full', 409, `a conversation has at most ${MAX_TURNS} turns; start a new one`);
  const turns = await core.db
    .select()
    .from(aiConversationTurns)
    .where(eq(aiConversationTurns.conversationId, conversationId))
    .orderBy(asc(aiConversationTurns.turn));
  return [
    {
      role: 'system',
      content: `You are a ${conv.role} in this situation: ${conv.situation}.${conv.topic ? ` Topic: ${conv.topic}.` : ''} Speak English for a Korean learner at level ${LEVEL[conv.difficulty as Difficulty]}. Stay in your role and keep replies to two or three sentences.`,
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
    await tx.insert(aiConversationTurns).values({ conversationId, turn, studentText, aiText, createdAt: now, ...spoken });
    const [updated] = await tx
      .update(aiConversations)
      .set({ turnCount: sql`${aiConversations.turnCount} + 1`, message: recommendedSentence(aiText), updatedAt: now })
      .where(eq(aiConversations.id, conversationId))
      .returning();
    const stored: Turn = {
      turn,
      studentText,
      aiText,
      createdAt: now.toISOString(),
      interrupted: spoken?.interrupted ?? false,
      latency: spoken?.latency ?? null,
    };
    return { conversation: updated!, turn: stored };
  });
}

/** One turn: the student speaks, the AI answers in its role through core.ai.chat; turn and count saved together. */
export async function takeTurn(core: ProductContext, studentId: string, conversationId: string, text: string) {
  const messages = await rolePlayMessages(core, studentId, conversationId, text);
  const reply = await core.ai.chat({ messages, userId: studentId, promptVersion: 'tutor.conversation@1', maxTokens: 300 }).result;
  return storeTurn(core, conversationId, text, reply.text.trim() || '…');
}

export async function conversationTurns(core: ProductContext, conversationId: string): Promise<Turn[]> {
  const rows = await core.db
    .select()
    .from(aiConversationTurns)
    .where(eq(aiConversationTurns.conversationId, conversationId))
    .orderBy(asc(aiConversationTurns.turn));
  return rows.map((t) => ({
    turn: t.turn,
    studentText: t.studentText,
    aiText: t.aiText,
    createdAt: t.createdAt.toISOString(),
    interrupted: t.interrupted,
    latency: t.latency ?? null,
  }));
}

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
