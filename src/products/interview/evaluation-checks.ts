import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../core/http/errors.js';
import { EmotionSummary, Evaluation } from './contract.js';

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
