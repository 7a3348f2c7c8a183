import { ANSWER_RUBRIC_VERSION, evaluateAnswer } from './providers/offline/answer-evaluation.js';
import { analyzeEmotion, EMOTIONS } from './providers/offline/emotion.js';
import { cosineSimilarity } from './providers/offline/embedding.js';
import { classifyIntent, INTENT_NAMES } from './providers/offline/intent.js';
import { scorePronunciation } from './providers/offline/pronunciation.js';
import { INTERVIEW_POSITIONS, nextInterviewQuestion, questionsFor } from './providers/offline/question-bank.js';
import { summarize } from './providers/offline/summary.js';

/**
 * The deterministic analyzers behind the offline provider, as plain functions (`core.ai.analyzers`):
 * no network, no record in core.ai_calls. Pronunciation scoring lives only here — it compares two texts.
 */
export const analyzers = {
  scorePronunciation,
  summarize,
  analyzeEmotion,
  classifyIntent,
  evaluateAnswer,
  nextInterviewQuestion,
  questionsFor,
  cosineSimilarity,
  EMOTIONS,
  INTENT_NAMES,
  INTERVIEW_POSITIONS,
  ANSWER_RUBRIC_VERSION,
};

export type Analyzers = typeof analyzers;

export {
  scorePronunciation,
  summarize,
  analyzeEmotion,
  classifyIntent,
  evaluateAnswer,
  nextInterviewQuestion,
  questionsFor,
  cosineSimilarity,
};
export { EMOTIONS, INTENT_NAMES, INTERVIEW_POSITIONS, ANSWER_RUBRIC_VERSION };
export type { PronunciationScore, WordStatus } from './providers/offline/pronunciation.js';
export type { EmotionAnalysis, Emotion } from './providers/offline/emotion.js';
export type { AnswerEvaluation } from './providers/offline/answer-evaluation.js';
export type { IntentResult } from './providers/offline/intent.js';
