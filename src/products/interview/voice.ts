import { eq } from 'drizzle-orm';
import { AppError } from '../../core/http/errors.js';
import { isUuid } from '../../core/db/ids.js';
import type { VoiceTarget } from '../../core/voice/conversation.js';
import { answerQuestion, assertSessionOpen, interviewChannel, openQuestion, ownSession } from './interviews.js';
import { records } from './schema.js';

const LAST_WORDS = 'Thank you. That was the last question; your evaluation will follow shortly.';

/** A spoken interview: the open question is spoken first, each spoken answer is stored, then the next question is spoken. */
export const interviewVoice: VoiceTarget = {
  describes: 'an interview session of yours with an open question',
  async open(core, user, id) {
    if (!isUuid(id)) throw new AppError('interview.session_not_found', 404, 'interview session not found');
    const session = await ownSession(core, user.id, id);
    assertSessionOpen(session);
    const question = await openQuestion(core.db, id);
    if (!question) throw new AppError('interview.no_open_question', 409, 'every question is answered; ask for the next one');
    /** The record each spoken answer went to, until its latency is stored on it. */
    const answered = new Map<string, string>();
    return {
      channel: interviewChannel(id),
      speech: {},
      language: 'en',
      opening: question.questionText,
      transcribePromptVersion: 'interview.answer@1',
      async respond(text, { turnId, speechSeconds }) {
        const open = await openQuestion(core.db, id);
        if (!open) throw new AppError('interview.no_open_question', 409, 'every question is answered');
        const result = await answerQuestion(core, user.id, id, { text, mode: 'audio', durationSeconds: speechSeconds, order: open.order });
        answered.set(turnId, result.record.id);
        const modelStartedAt = performance.now();
        const next = result.next?.questionText ?? LAST_WORDS;
        return { deltas: [next], modelStartedAt };
      },
      async saveReply(reply) {
        const recordId = answered.get(reply.turnId);
        answered.delete(reply.turnId);
        if (recordId) await core.db.update(records).set({ voiceLatency: reply.latency }).where(eq(records.id, recordId));
      },
    };
  },
};
