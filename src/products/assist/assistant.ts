import { and, asc, desc, eq, gt, isNull, lte, ne, or, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { emotionTask, summaryTask, type TaskRequest } from '../../core/ai/tasks.js';
import { userChannel } from '../../core/realtime/channels.js';
import { agentResults, agentSummaries, agents, rooms, transcripts } from './schema.js';
import { intentTask } from './ai-tasks.js';
import { ASSISTANT_JOB } from './transcripts.js';
import type { Feedback, Result, ResultType, Summary } from './contract.js';
import { assistSettings } from './environment.js';

export type ResultRow = typeof agentResults.$inferSelect;
export type SummaryRow = typeof agentSummaries.$inferSelect;

/** The contact center's intents; the recognizer picks one of them. */
export const INTENTS = [
  'plan_change',
  'billing_inquiry',
  'cancellation',
  'roaming',
  'device_support',
  'network_issue',
  'membership_benefits',
  'other',
];

export function resultView(r: ResultRow): Result {
  return {
    id: r.id,
    roomId: r.roomId,
    sessionId: r.sessionId,
    turnId: r.turnId,
    resultType: r.resultType as ResultType,
    resultData: r.resultData as Record<string, unknown>,
    processingTimeMs: r.processingTimeMs,
    modelVersion: r.modelVersion,
    feedback: r.feedback as Feedback | null,
    feedbackAt: r.feedbackAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function summaryView(s: SummaryRow): Summary {
  return {
    id: s.id,
    summaryText: s.summaryText,
    keyPoints: s.keyPoints as string[],
    fromIndex: s.fromIndex,
    lastSummarizedIndex: s.lastSummarizedIndex,
    processingTimeMs: s.processingTimeMs,
    modelVersion: s.modelVersion,
    createdAt: s.createdAt.toISOString(),
  };
}

async function timedTask(core: ProductContext, task: TaskRequest) {
  const started = performance.now();
  const result = await core.ai.chat({ ...task, userId: null }).result;
  return {
    json: result.json as Record<string, unknown> | undefined,
    ms: Math.round(performance.now() - started),
    model: `${result.provider}/${result.model}#${task.promptVersion}`,
  };
}

/**
 * One assistant pass over the finals not yet summarized: an incremental summary on top of the last
 * one, the customer's intent and sentiment, and knowledge suggestions through the semantic cache.
 * Every result is stored with its processing time and model version and pushed to the agent.
 */
export async function runAssistant(core: ProductContext, roomId: string): Promise<{ summary: SummaryRow; results: ResultRow[] } | null> {
  const [room] = await core.db.select().from(rooms).where(eq(rooms.id, roomId));
  if (!room) return null;
  const [last] = await core.db
    .select()
    .from(agentSummaries)
    .where(eq(agentSummaries.roomId, roomId))
    .orderBy(desc(agentSummaries.lastSummarizedIndex))
    .limit(1);
  const fromIndex = last?.lastSummarizedIndex ?? 0;
  const finals = await core.db
    .select()
    .from(transcripts)
    .where(and(eq(transcripts.roomId, roomId), eq(transcripts.isFinal, true), gt(transcripts.finalIndex, fromIndex)))
    .orderBy(asc(transcripts.finalIndex));
  if (!finals.length) return null;
  const upTo = finals[finals.length - 1]!.finalIndex!;
  const turnId = `${fromIndex + 1}-${upTo}`;
  const dialogue = finals.map((f) => `${f.speakerRole === 'agent' ? 'Agent' : 'Customer'}: ${f.text}`).join('\n');
  const customerText = finals
    .filter((f) => f.speakerRole === 'customer')
    .map((f) => f.text)
    .join(' ')
    .trim();

  const summary = await timedTask(core, summaryTask(dialogue, { maxSentences: 3, previousSummary: last?.summaryText }));
  const summaryText = String(summary.json?.summary ?? '').trim() || dialogue.slice(0, 500);
  const computed: { type: ResultRow['resultType']; data: Record<string, unknown>; ms: number; model: string }[] = [
    {
      type: 'summary',
      data: { summary: summaryText, keyPoints: summary.json?.keyPoints ?? [], fromIndex, lastSummarizedIndex: upTo },
      ms: summary.ms,
      model: summary.model,
    },
  ];
  if (customerText) {
    const intent = await timedTask(core, intentTask.request({ text: customerText, intents: INTENTS }));
    computed.push({ type: 'intent', data: intent.json ?? {}, ms: intent.ms, model: intent.model });
    const emotion = await timedTask(core, emotionTask(customerText));
    computed.push({
      type: 'sentiment',
      data: { sentiment: emotion.json?.sentiment, dominantEmotion: emotion.json?.dominantEmotion },
      ms: emotion.ms,
      model: emotion.model,
    });
    // The customer's latest question is the best query; without one, their latest words.
    const said = finals.filter((f) => f.speakerRole === 'customer');
    const suggestions = await suggest(core, customerText, (said.filter((f) => /[?？]\s*$/.test(f.text)).at(-1) ?? said.at(-1)!).text);
    if (suggestions) computed.push({ type: 'recommendation', data: suggestions.data, ms: suggestions.ms, model: suggestions.model });
  }

  return inTransaction(core.db, async (tx, afterCommit) => {
    // Under the room lock, so two passes never both claim the same finals.
    await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('no key update');
    const [head] = await tx
      .select({ n: sql<number>`coalesce(max(${agentSummaries.lastSummarizedIndex}), 0)::int` })
      .from(agentSummaries)
      .where(eq(agentSummaries.roomId, roomId));
    if (Number(head?.n ?? 0) !== fromIndex) return null;
    const now = core.clock.now();
    const [stored] = await tx
      .insert(agentSummaries)
      .values({
        id: uuidv7(),
        roomId,
        summaryText,
        keyPoints: (summary.json?.keyPoints as string[] | undefined) ?? [],
        fromIndex,
        lastSummarizedIndex: upTo,
        processingTimeMs: summary.ms,
        modelVersion: summary.model,
        createdAt: now,
      })
      .returning();
    const results = await tx
      .insert(agentResults)
      .values(
        computed.map((c) => ({
          id: uuidv7(),
          roomId,
          turnId,
          resultType: c.type,
          resultData: c.data,
          processingTimeMs: c.ms,
          modelVersion: c.model,
          createdAt: now,
        })),
      )
      .returning();
    await tx.update(rooms).set({ lastAssistedAt: now }).where(eq(rooms.id, roomId));
    const [agent] = await tx.select({ userId: agents.userId }).from(agents).where(eq(agents.id, room.agentId));
    if (agent) {
      await core.realtime.publish(
        userChannel(agent.userId),
        'assist.results',
        { roomId, summary: summaryView(stored!), results: results.map(resultView) },
        { tx, afterCommit },
      );
    }
    return { summary: stored!, results };
  });
}

/** Knowledge suggestions for what the customer said, through the semantic cache (a repeated question costs no search). */
async function suggest(core: ProductContext, customerText: string, lastQuestion: string) {
  const name = core.settings(assistSettings).knowledgeCollection;
  const started = performance.now();
  try {
    const collection = await core.knowledge.getCollection(name);
    const found = await core.knowledge.searchWithCache(name, lastQuestion.trim() || customerText, {
      topK: core.settings(assistSettings).suggestionCount,
    });
    return {
      data: {
        query: lastQuestion,
        cache: found.cache,
        suggestions: found.items.map((i) => ({ chunkId: i.id, title: i.title, content: i.content, score: i.score, metadata: i.metadata })),
      },
      ms: Math.round(performance.now() - started),
      model: `knowledge/${collection.embeddingModel ?? 'none'}#${name}`,
    };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
}

/** The T-seconds rule for quiet calls: open rooms with finals not summarized and no pass for that long get one. */
export async function assistQuietRooms(core: ProductContext): Promise<number> {
  const cutoff = new Date(core.clock.now().getTime() - core.settings(assistSettings).summaryIntervalSeconds * 1000);
  const due = await core.db
    .select({ id: rooms.id, finalCount: rooms.finalCount })
    .from(rooms)
    .where(
      and(
        ne(rooms.status, 'ended'),
        gt(
          rooms.finalCount,
          sql`coalesce((SELECT max(s.last_summarized_index) FROM assist.agent_summaries s WHERE s.room_id = ${rooms.id}), 0)`,
        ),
        or(isNull(rooms.lastAssistedAt), lte(rooms.lastAssistedAt, cutoff)),
      ),
    )
    .limit(200);
  for (const r of due)
    await core.jobs.send(
      ASSISTANT_JOB,
      { roomId: r.id },
      { idempotencyKey: `assist:${r.id}:${r.finalCount}`, retryLimit: 2, retryDelay: 2 },
    );
  return due.length;
}
