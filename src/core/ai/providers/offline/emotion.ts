import { words } from './text.js';

/** The fixed emotion set an avatar can show and an interview summary aggregates. */
export const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed'] as const;
export type Emotion = (typeof EMOTIONS)[number];

const LEXICON: Record<Exclude<Emotion, 'neutral'>, string[]> = {
  happy: [
    'happy',
    'glad',
    'great',
    'love',
    'wonderful',
    'excited',
    'awesome',
    'fantastic',
    'joy',
    'delighted',
    'pleased',
    'thank',
    'thanks',
    'amazing',
    'good',
    'excellent',
    'proud',
    'enjoy',
    'enjoyed',
    'fun',
    'nice',
    'perfect',
    'congratulations',
    'smile',
    'laugh',
  ],
  sad: [
    'sad',
    'miss',
    'missed',
    'lonely',
    'lost',
    'cry',
    'crying',
    'sorry',
    'unhappy',
    'grief',
    'depressed',
    'hurt',
    'tears',
    'alone',
    'regret',
    'disappointed',
    'passed',
    'died',
    'funeral',
    'heartbroken',
    'worse',
    'tired',
  ],
  angry: [
    'angry',
    'furious',
    'annoyed',
    'hate',
    'terrible',
    'awful',
    'ridiculous',
    'unacceptable',
    'worst',
    'mad',
    'frustrated',
    'frustrating',
    'complaint',
    'outrageous',
    'rude',
    'stupid',
    'useless',
    'never',
    'refund',
    'overcharged',
  ],
  surprised: [
    'wow',
    'surprised',
    'unexpected',
    'suddenly',
    'really',
    'unbelievable',
    'incredible',
    'shocked',
    'whoa',
    'amazed',
    'surprise',
    'strange',
  ],
  relaxed: [
    'calm',
    'relaxed',
    'peaceful',
    'fine',
    'okay',
    'comfortable',
    'easy',
    'rest',
    'relax',
    'quiet',
    'gentle',
    'content',
    'steady',
    'confident',
    'ready',
  ],
};
const NEGATIONS = new Set(['not', 'no', 'never', "don't", "didn't", "isn't", "wasn't", "can't", 'hardly']);
const INTENSIFIERS = new Set(['very', 'so', 'really', 'extremely', 'totally', 'absolutely']);
const POSITIVE: Emotion[] = ['happy', 'relaxed'];
const NEGATIVE: Emotion[] = ['sad', 'angry'];

export interface EmotionAnalysis {
  dominantEmotion: Emotion;
  /** Emotion → probability; the values sum to 1. */
  emotionScores: Record<Emotion, number>;
  sentiment: { label: 'positive' | 'negative' | 'neutral'; score: number };
  matchedWords: string[];
}

/** Lexicon-based emotion and sentiment: word hits with negation flips and intensifiers, smoothed to probabilities. */
export function analyzeEmotion(text: string): EmotionAnalysis {
  const ws = words(text);
  const raw: Record<Emotion, number> = { neutral: 1, happy: 0, sad: 0, angry: 0, surprised: 0, relaxed: 0 };
  const matched: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    for (const [emotion, list] of Object.entries(LEXICON) as [Exclude<Emotion, 'neutral'>, string[]][]) {
      if (!list.includes(w)) continue;
      const negated = NEGATIONS.has(ws[i - 1] ?? '') || NEGATIONS.has(ws[i - 2] ?? '');
      const weight = INTENSIFIERS.has(ws[i - 1] ?? '') ? 1.5 : 1;
      const target: Emotion = negated
        ? emotion === 'happy' || emotion === 'relaxed'
          ? 'sad'
          : emotion === 'surprised'
            ? 'neutral'
            : 'relaxed'
        : emotion;
      raw[target] += weight;
      matched.push(w);
    }
  }
  if (/!{1,}/.test(text) && raw.happy + raw.angry + raw.surprised > 0) raw.surprised += 0.5;
  const total = Object.values(raw).reduce((a, b) => a + b, 0);
  const emotionScores = Object.fromEntries(EMOTIONS.map((e) => [e, Math.round((raw[e] / total) * 1000) / 1000])) as Record<Emotion, number>;
  // Rounding may leave a thousandth over or under; give it to the largest so the scores sum to 1.
  const dominantEmotion = [...EMOTIONS].sort((a, b) => raw[b] - raw[a] || EMOTIONS.indexOf(a) - EMOTIONS.indexOf(b))[0]!;
  const drift = Math.round((1 - Object.values(emotionScores).reduce((a, b) => a + b, 0)) * 1000) / 1000;
  emotionScores[dominantEmotion] = Math.round((emotionScores[dominantEmotion] + drift) * 1000) / 1000;
  const pos = POSITIVE.reduce((s, e) => s + raw[e], 0);
  const neg = NEGATIVE.reduce((s, e) => s + raw[e], 0);
  const polarity = pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
  const label = polarity > 0.2 ? 'positive' : polarity < -0.2 ? 'negative' : 'neutral';
  return { dominantEmotion, emotionScores, sentiment: { label, score: Math.round(polarity * 100) / 100 }, matchedWords: matched };
}
