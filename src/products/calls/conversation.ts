import { desc, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import type { ChatMessage } from '../../core/ai/engine.js';
import { personas, sessions, turns } from './schema.js';
import { callChannel, ownSession } from './call-sessions.js';
import type { Exchange, Turn } from './contract.js';

export type TurnRow = typeof turns.$inferSelect;

/** Turns of the call the persona sees when it answers. */
export const HISTORY_TURNS = 30;

export function turnView(t: TurnRow): Turn {
  return {
    id: t.id,
    callSessionId: t.callSessionId,
    seq: t.seq,
    speaker: t.speaker,
    text: t.text,
    audioFileId: t.audioFileId,
    audioError: t.audioError,
    latency: { sttMs: t.sttLatencyMs, modelMs: t.modelLatencyMs, ttsMs: t.ttsLatencyMs },
    interrupted: t.interrupted,
    stages: t.latency ?? null,
    createdAt: t.createdAt.toISOString(),
  };
}

type TurnInput = Omit<typeof turns.$inferInsert, 'id' | 'seq' | 'callSessionId' | 'personaId' | 'createdAt'>;

/** Stores a turn under the locked session (seq is the next one) and streams it on `call:<id>`. */
export async function addTurn(
  core: ProductContext,
  userId: string,
  sessionId: string,
  input: TurnInput,
  requireActive: boolean,
): Promise<TurnRow> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const session = await ownSession(core, userId, sessionId, tx, true);
    if (requireActive && session.status !== 'ACTIVE') {
      throw new AppError('calls.call_not_active', 409, `the call is ${session.status}; talking needs an ACTIVE call`, {
        from: session.status,
        to: 'ACTIVE',
      });
    }
    const [{ next }] = (await tx
      .select({ next: sql<number>`COALESCE(MAX(${turns.seq}), 0)::int + 1` })
      .from(turns)
      .where(eq(turns.callSessionId, sessionId))) as [{ next: number }];
    const [row] = await tx
      .insert(turns)
      .values({
        ...input,
        id: uuidv7(),
        seq: Number(next),
        callSessionId: sessionId,
        personaId: session.personaId,
        createdAt: core.clock.now(),
      })
      .returning();
    await core.realtime.publish(callChannel(sessionId), 'turn.created', turnView(row!), { tx, afterCommit });
    return row!;
  });
}

function systemPrompt(name: string, relationship: string | null, memo: string | null) {
  return [
    `You are ${name}${relationship ? `, the caller's ${relationship}` : ''}, talking with them on the phone.`,
    memo ?? '',
    'Answer as this person would, warmly and briefly, in one to three spoken sentences. Never say you are an AI.',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The persona's prompt for its next reply: its memo and the call so far (spoken turns only). */
export async function replyPrompt(core: ProductContext, sessionId: string) {
  const [session] = await core.db.select().from(sessions).where(eq(sessions.id, sessionId));
  const [persona] = await core.db.select().from(personas).where(eq(personas.id, session!.personaId));
  const name = core.crypt.open(personas.name, persona!.id, persona!.name);
  const history = (
    await core.db.select().from(turns).where(eq(turns.callSessionId, sessionId)).orderBy(desc(turns.seq)).limit(HISTORY_TURNS)
  ).reverse();
  const messages: ChatMessage[] = [
    {
      role: 'system',
      content: systemPrompt(
        name,
        core.crypt.openOptional(personas.relationship, persona!.id, persona!.relationship),
        core.crypt.openOptional(personas.memo, persona!.id, persona!.memo),
      ),
    },
    ...history
      .filter((t) => t.text.trim())
      .map((t): ChatMessage => ({ role: t.speaker === 'user' ? 'user' : 'assistant', content: t.text })),
  ];
  return { messages, persona: persona! };
}

export interface SayInput {
  text: string;
  /** When the words came from an audio clip: the clip and the transcription time. */
  audioFileId?: string | null;
  sttLatencyMs?: number | null;
}

/**
 * One exchange of an ACTIVE call: the user's turn is stored and streamed first; the persona answers
 * through `chat` (its memo and the call so far) and `speak` in its trained voice. When speech fails
 * (no espeak-ng offline: 503) the persona's turn is still stored, without audio, with the reason.
 */
export async function say(core: ProductContext, userId: string, sessionId: string, input: SayInput): Promise<Exchange> {
  const userTurn = await addTurn(
    core,
    userId,
    sessionId,
    { speaker: 'user', text: input.text, audioFileId: input.audioFileId ?? null, sttLatencyMs: input.sttLatencyMs ?? null },
    true,
  );
  const { messages, persona } = await replyPrompt(core, sessionId);
  const modelStarted = performance.now();
  const reply = await core.ai.chat({ messages, userId, promptVersion: 'calls.persona-reply@1', maxTokens: 200 }).result;
  const modelLatencyMs = Math.round(performance.now() - modelStarted);
  const text = reply.text.trim() || '…';

  let audioFileId: string | null = null;
  let audioError: string | null = null;
  const ttsStarted = performance.now();
  try {
    const speech = await core.ai.speak(text, {
      trainedVoiceId: persona.trainedVoiceId ?? undefined,
      format: 'wav',
      userId,
      promptVersion: 'calls.persona-voice@1',
    });
    const file = await core.files.store({
      ownerId: userId,
      product: 'calls',
      purpose: 'call-audio',
      body: speech.audio,
      contentType: speech.contentType,
      accept: ['wav', 'mp3'],
    });
    audioFileId = file.id;
  } catch (err) {
    audioError = String((err as { code?: string }).code ?? 'speech_failed').slice(0, 100);
    core.log.warn({ err: { message: (err as Error).message }, sessionId }, 'persona speech failed; the turn is kept as text');
  }
  const ttsLatencyMs = Math.round(performance.now() - ttsStarted);
  const personaTurn = await addTurn(
    core,
    userId,
    sessionId,
    { speaker: 'persona', text, audioFileId, audioError, modelLatencyMs, ttsLatencyMs },
    false,
  );
  return { userTurn: turnView(userTurn), personaTurn: turnView(personaTurn) };
}
