import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../core/http/errors.js';

const StringList = Type.Array(Type.String({ maxLength: 500 }), { maxItems: 30 });

/** The seed's evaluation shape; validated before it is stored, whoever wrote it. */
export const Evaluation = Type.Object(
  {
    score: Type.Integer({ minimum: 0, maximum: 100 }),
    feedback: Type.String({ minLength: 1, maxLength: 5000 }),
    keywords: StringList,
    strengths: StringList,
    improvements: StringList,
  },
  { $id: 'InterviewEvaluation', additionalProperties: false },
);
export type Evaluation = Static<typeof Evaluation>;

/** The seed's emotion summary: probabilities summing to 1 within rounding, and optional face-model data. */
export const EmotionSummary = Type.Object(
  {
    dominant_emotion: Type.String({ minLength: 1, maxLength: 40 }),
    emotion_scores: Type.Record(Type.String({ maxLength: 40 }), Type.Number({ minimum: 0, maximum: 1 }), {
      minProperties: 1,
      maxProperties: 30,
    }),
    facial_expression_data: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'InterviewEmotionSummary', additionalProperties: false },
);
export type EmotionSummary = Static<typeof EmotionSummary>;

function problems(schema: typeof Evaluation | typeof EmotionSummary, value: unknown, field: string): FieldError[] {
  return [...Value.Errors(schema, value)].map((e) => {
    const missing = (e.params as { requiredProperties?: string[] } | undefined)?.requiredProperties?.[0];
    const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const name = [field, path, missing].filter(Boolean).join('.');
    return { field: name, message: missing ? 'is required' : (e.message ?? 'is invalid') };
  });
}

export function assertEvaluation(value: unknown, field = 'evaluation'): Evaluation {
  const errors = problems(Evaluation, value, field);
  if (errors.length) throw new AppError('validation', 400, errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
  return value as Evaluation;
}

export function assertEmotionSummary(value: unknown, field = 'emotionSummary'): EmotionSummary {
  const errors = problems(EmotionSummary, value, field);
  const scores = (value as EmotionSummary | undefined)?.emotion_scores;
  if (!errors.length && scores) {
    const sum = Object.values(scores).reduce((s, v) => s + v, 0);
    if (Math.abs(sum - 1) > 0.02) errors.push({ field: `${field}.emotion_scores`, message: `must sum to 1 (got ${sum.toFixed(3)})` });
    if (!(value as EmotionSummary).dominant_emotion || !((value as EmotionSummary).dominant_emotion in scores)) {
      errors.push({ field: `${field}.dominant_emotion`, message: 'must be one of emotion_scores' });
    }
  }
  if (errors.length) throw new AppError('validation', 400, errors.map((e) => `${e.field} ${e.message}`).join('; '), { errors });
  return value as EmotionSummary;
}
