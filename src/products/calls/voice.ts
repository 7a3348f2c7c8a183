import type { Core } from '../../core/context.js';
import { AppError } from '../../core/http/errors.js';
import { isUuid } from '../../core/db/ids.js';
import type { VoiceConversation, VoiceTarget } from '../../core/voice/conversation.js';
import { callChannel, callNotFound, ownSession } from './call-sessions.js';
import { addTurn, replyPrompt } from './conversation.js';

/** A live voice connection to an ACTIVE call: each user turn and the persona's spoken reply are stored as the call's turns. */
export const callsVoice: VoiceTarget = {
  describes: 'an ACTIVE call session of yours',
  async open(core: Core, user, id): Promise<VoiceConversation> {
    if (!isUuid(id)) throw callNotFound();
    const session = await ownSession(core, user.id, id);
    if (session.status !== 'ACTIVE')
      throw new AppError('calls.call_not_active', 409, `the call is ${session.status}; a voice connection needs an ACTIVE call`, {
        from: session.status,
        to: 'ACTIVE',
      });
    const { persona } = await replyPrompt(core, id);
    return {
      channel: callChannel(id),
      speech: { trainedVoiceId: persona.trainedVoiceId ?? undefined },
      transcribePromptVersion: 'calls.user-speech@1',
      async respond(text, { signal, sttMs }) {
        await addTurn(core, user.id, id, { speaker: 'user', text, sttLatencyMs: sttMs }, true);
        const { messages } = await replyPrompt(core, id);
        const modelStartedAt = performance.now();
        const stream = core.ai.chat({ messages, userId: user.id, promptVersion: 'calls.persona-reply@1', maxTokens: 200, signal });
        return { deltas: stream, modelStartedAt };
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
      },
    };
  },
};
