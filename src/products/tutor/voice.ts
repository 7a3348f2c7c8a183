import { AppError } from '../../core/http/errors.js';
import { isUuid } from '../../core/db/ids.js';
import type { VoiceTarget } from '../../core/voice/conversation.js';
import { rolePlayMessages, storeTurn } from './conversations.js';

/** A spoken role-play: the student's line and the AI's reply, as heard, stored as one turn of the conversation. */
export const tutorVoice: VoiceTarget = {
  describes: 'a role-play conversation of yours',
  async open(core, user, id) {
    if (!isUuid(id)) throw new AppError('tutor.conversation_not_found', 404, 'conversation not found');
    await rolePlayMessages(core, user.id, id, '');
    /** The student's line of each turn until its reply is stored with it. */
    const lines = new Map<string, string>();
    return {
      channel: `student:${user.id}`,
      speech: { voice: 'en-us' },
      language: 'en',
      transcribePromptVersion: 'tutor.spoken-line@1',
      async respond(text, { signal, turnId }) {
        const messages = await rolePlayMessages(core, user.id, id, text);
        lines.set(turnId, text);
        const modelStartedAt = performance.now();
        const stream = core.ai.chat({ messages, userId: user.id, promptVersion: 'tutor.conversation@1', maxTokens: 300, signal });
        return { deltas: stream, modelStartedAt };
      },
      async saveReply(reply) {
        const line = lines.get(reply.turnId) ?? '';
        lines.delete(reply.turnId);
        await storeTurn(core, id, line, reply.text, { interrupted: reply.interrupted, latency: reply.latency });
      },
    };
  },
};
