import type { ProductContext } from '../../../core/product.js';
import { assertStudentSession, assertTutorOf, deliverFeedback } from '../feedback.js';
import type { Feedback, FeedbackBody } from '../contract.js';

/** A tutor's feedback to a linked student: text, or the text spoken by TTS. */
export async function sendFeedback(core: ProductContext, tutorId: string, input: FeedbackBody): Promise<Feedback> {
  await assertTutorOf(core, tutorId, input.studentId);
  await assertStudentSession(core, input.studentId, input.sessionId);
  const messageType = input.messageType ?? 'text';
  const audioFileId = messageType === 'audio' ? await speakFeedback(core, tutorId, input.message) : null;
  return deliverFeedback(core, tutorId, { ...input, messageType, audioFileId });
}

/** The message spoken by TTS, stored as the tutor's file. */
async function speakFeedback(core: ProductContext, tutorId: string, message: string): Promise<string> {
  const speech = await core.ai.speak(message, { format: 'wav', userId: tutorId, promptVersion: 'tutor.feedback-audio@1' });
  const file = await core.files.store({
    ownerId: tutorId,
    product: 'tutor',
    purpose: 'feedback-audio',
    body: speech.audio,
    contentType: speech.contentType,
    originalName: 'feedback.wav',
  });
  return file.id;
}
