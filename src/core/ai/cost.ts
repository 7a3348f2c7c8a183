import type { ModelCost } from '../../config.js';

/**
 * List prices in US dollars when this table was written; a deployment overrides or extends them with
 * AI_COSTS. Offline calls cost nothing; a model in neither table is reported with `costKnown: false`.
 */
export const MODEL_COSTS: Record<string, ModelCost> = {
  'gpt-4o-mini': { promptPerMillionTokens: 0.15, completionPerMillionTokens: 0.6 },
  'gpt-4o': { promptPerMillionTokens: 2.5, completionPerMillionTokens: 10 },
  'gpt-4.1-mini': { promptPerMillionTokens: 0.4, completionPerMillionTokens: 1.6 },
  'gpt-4.1': { promptPerMillionTokens: 2, completionPerMillionTokens: 8 },
  'text-embedding-3-small': { promptPerMillionTokens: 0.02 },
  'text-embedding-3-large': { promptPerMillionTokens: 0.13 },
  'whisper-1': { perAudioMinute: 0.006 },
  'gpt-4o-transcribe': { perAudioMinute: 0.006 },
  'gpt-4o-mini-transcribe': { perAudioMinute: 0.003 },
  'tts-1': { perMillionCharacters: 15 },
  'tts-1-hd': { perMillionCharacters: 30 },
};

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  audioSeconds: number;
  characters: number;
}

/** Estimated cost of some usage of one model; null when the price is unknown. */
export function estimateCost(provider: string, model: string, usage: UsageTotals, overrides: Record<string, ModelCost>): number | null {
  if (provider === 'offline') return 0;
  const price = overrides[model] ?? MODEL_COSTS[model];
  if (!price) return null;
  const cost =
    (usage.promptTokens * (price.promptPerMillionTokens ?? 0)) / 1e6 +
    (usage.completionTokens * (price.completionPerMillionTokens ?? 0)) / 1e6 +
    (usage.audioSeconds / 60) * (price.perAudioMinute ?? 0) +
    (usage.characters * (price.perMillionCharacters ?? 0)) / 1e6;
  return Math.round(cost * 1e6) / 1e6;
}
