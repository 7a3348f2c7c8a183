import type { ProductContext } from '../product-context.js';
import { createAsyncQueue } from '../ai/async-queue.js';
import type { AuthUser } from '../identity/access.js';
import type { TurnLatency } from './protocol.js';

export type { TurnLatency } from './protocol.js';

/**
 * What a product hands the voice pipeline for one of its conversations. The product owns the conversation's rules
 * and storage; core/voice owns timing (VAD, end of turn, streaming, barge-in, pacing, latency stages).
 */
export interface VoiceConversation {
  /** The realtime channel whose presence shows the caller attached (`call:<id>`). */
  channel: string;
  /** Speech options for the reply: a trained persona voice, or an engine voice. */
  speech: { voice?: string; trainedVoiceId?: string };
  /** Language hint for transcription (BCP 47). */
  language?: string;
  /** Said first when a connection starts (the question that opens it), not stored again. */
  opening?: string | null;
  /** Prompt version recorded with the transcription call. */
  transcribePromptVersion: string;
  /**
   * The user finished speaking: store their turn (the product's rules apply: an ended call refuses) and start the
   * reply. Throws an AppError to refuse.
   */
  respond(
    userText: string,
    context: { signal: AbortSignal; sttMs: number | null; turnId: string; /** Length of the utterance's audio. */ speechSeconds: number },
  ): Promise<VoiceReply>;
  /** Stores the reply as it was spoken: all of it, or up to where the user interrupted. */
  saveReply(reply: SpokenReply): Promise<void>;
}

export interface VoiceReply {
  /** The reply's text as it is generated. */
  deltas: AsyncIterable<string> | Iterable<string>;
  /** When the model call began (performance.now()), to tell the model's time from Talkbase's. */
  modelStartedAt: number;
  /** When the model's first token arrived, if it was read ahead of the pipeline (see `readAhead`). */
  firstTokenAt?: () => number | undefined;
  /**
   * Settles when the user's turn is stored, if `respond` returned before that: the reply is written and synthesized
   * meanwhile, but nothing of it reaches the caller until the turn is stored; a rejection refuses the turn.
   */
  stored?: Promise<void>;
}

/**
 * Reads a model stream as it arrives, so the model can run while the product still stores the user's turn; the
 * arrival time of the first token is kept, so the wait for the store counts as Talkbase's time, not the model's.
 */
export function readAhead(stream: AsyncIterable<string>): { deltas: AsyncIterable<string>; firstTokenAt: () => number | undefined } {
  const queue = createAsyncQueue<string>();
  let firstAt: number | undefined;
  void (async () => {
    try {
      for await (const delta of stream) {
        firstAt ??= performance.now();
        queue.push(delta);
      }
      queue.end();
    } catch (err) {
      queue.end(err);
    }
  })();
  return { firstTokenAt: () => firstAt, deltas: { [Symbol.asyncIterator]: () => queue.iterate() } };
}

export interface SpokenReply {
  turnId: string;
  /** What was spoken: the whole reply, or what was heard before the interruption. */
  text: string;
  /** The whole reply as generated (the same as `text` unless interrupted). */
  generatedText: string;
  interrupted: boolean;
  latency: TurnLatency;
  /** Why the reply has no audio (`ai.speech_unavailable` …). */
  audioError: string | null;
}

/** A product's voice entry point: authorizes and opens one conversation of the caller's. */
export interface VoiceTarget {
  /** What the id names, for messages and docs (`an ACTIVE call session`). */
  describes: string;
  open(core: ProductContext, user: AuthUser, id: string): Promise<VoiceConversation>;
}
