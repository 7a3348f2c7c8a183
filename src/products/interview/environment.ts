import { Type } from 'typebox';
import { defineSettings } from '../../core/product-settings.js';

/** Interview's environment: questions per session, and whether answers get emotion analysis (off where the law restricts it). */
export const interviewSettings = defineSettings(
  Type.Object({
    INTERVIEW_QUESTION_COUNT: Type.Integer({
      description: 'Questions per interview unless the session asks otherwise.',
      minimum: 1,
      maximum: 30,
      default: 5,
    }),
    INTERVIEW_EMOTION_ANALYSIS: Type.Boolean({ description: 'Whether the emotion of interview answers is analysed.', default: true }),
  }),
  (e) => ({ questionCount: e.INTERVIEW_QUESTION_COUNT, emotionAnalysis: e.INTERVIEW_EMOTION_ANALYSIS }),
);
