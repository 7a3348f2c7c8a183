import type { ProductContext } from '../../../core/product.js';
import type { AnswerBody, AnswerResult } from '../contract.js';
import { answerQuestion } from '../interviews.js';

/** A text answer to the waiting question; evaluation follows in the background. */
export const answerInText = (core: ProductContext, userId: string, sessionId: string, body: AnswerBody): Promise<AnswerResult> =>
  answerQuestion(core, userId, sessionId, { ...body, mode: 'text' });
