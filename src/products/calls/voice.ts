import type { ProductContext } from '../../core/product.js';
import { AppError } from '../../core/http/errors.js';
import { isUuid } from '../../core/db/ids.js';
import type { ChatMessage } from '../../core/ai/engine.js';
import { readAhead, type VoiceConversation, type VoiceTarget } from '../../core/voice/conversation.js';
import { callChannel, callNotFound, ownSession } from './call-sessions.js';
import { addTurn, HISTORY_TURNS, replyPrompt } from './conversation.js';

/** A live voice connection to an ACTIVE call: each user turn and the persona's spoken reply are stored as the call's turns. */
export const callsVoice: VoiceTarget = {
  describes: 'an ACTIVE call session of yours',
  async open(core: ProductContext, user, id): Promise<VoiceConversation> {
    if (!isUuid(id)) throw callNotFound();
    const session = await ownSession(core, user.id, id);
    if (session.status !== 'ACTIVE')
      throw new AppError('calls.call_not_active', 409, `the call is ${session.status}; a voice connection needs an ACTIVE call`, {
        from: session.status,
        to: 'ACTIVE',
      });
    const { persona, messages: prompt } = await replyPrompt(core, id);
    // The call so far, kept here while this connection holds the conversation, so a turn does not read it again.
    const history: ChatMessage[] = prompt;
    const remember = (m: ChatMessage) => {
      history.push(m);
      // The system prompt stays; the oldest turns go past the window the persona sees.
      if (history.length > HISTORY_TURNS + 1) history.splice(1, history.length - HISTORY_TURNS - 1);
    };
    return {
      channel: callChannel(id),
      speech: { trainedVoiceId: persona.trainedVoiceId ?? undefined },
      transcribePromptVersion: 'calls.user-speech@1',
      async respond(text, { signal, sttMs }) {
        // The model and the first sentence's speech start while the turn is stored; if the store refuses (the call
        // ended), the model is stopped and nothing is heard.
        const stored = addTurn(core, user.id, id, { speaker: 'user', text, sttLatencyMs: sttMs }, true);
        const messages: ChatMessage[] = [...history, { role: 'user', content: text }];
        const model = new AbortController();
        const modelStartedAt = performance.now();
        const stream = core.ai.chat({
          messages,
          userId: user.id,
          promptVersion: 'calls.persona-reply@1',
          maxTokens: 200,
          signal: AbortSignal.any([signal, model.signal]),
        });
        const ahead = readAhead(stream);
        const committed = stored.then(
          () => remember({ role: 'user', content: text }),
          (err: unknown) => {
            model.abort();
            throw err;
          },
        );
        return { deltas: ahead.deltas, modelStartedAt, firstTokenAt: ahead.firstTokenAt, stored: committed };
      },
      async saveReply(reply) {
        const p = reply.latency.provider;
        await addTurn(
          core,
          user.id,
          id,
          {
            speaker: 'persona',
            text: reply.text,
            audioError: reply.audioError,
            interrupted: reply.interrupted,
            latency: reply.latency,
            modelLatencyMs: p.modelFirstTokenMs,
            ttsLatencyMs: p.speakFirstAudioMs,
          },
          false,
        );
        if (reply.text.trim()) remember({ role: 'assistant', content: reply.text });
      },
    };
  },
};
