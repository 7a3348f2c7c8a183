import { koreanWords, matchStems, words } from '../../text.js';

/** The fixed emotion set an avatar can show and a summary of many answers aggregates. */
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
/**
 * The same emotions in Korean, as stems that particles and endings follow (좋아요, 좋네요; 속상해요; 화가 나요):
 * the everyday words of conversations: missing family, learning, answering questions about one's work, complaining about a bill.
 */
// prettier-ignore
const KOREAN_LEXICON: Record<Exclude<Emotion, 'neutral'>, string[]> = {
  happy: ['좋', '기쁘', '기뻐', '기쁜', '기쁨', '행복', '감사', '고마', '고맙', '신나', '신난', '신났', '즐거', '즐겁', '재밌', '재미있',
    '최고', '멋지', '멋진', '멋져', '훌륭', '만족', '사랑', '축하', '다행', '반가', '반갑', '웃', '설레', '뿌듯', '자랑스'],
  sad: ['슬프', '슬퍼', '슬픈', '슬픔', '그리워', '그립', '보고싶', '외로', '외롭', '울', '우울', '눈물', '속상', '아쉽', '아쉬',
    '힘들', '힘든', '힘드', '섭섭', '서운', '돌아가셨', '실망', '후회', '미안', '피곤', '지쳤', '지치', '걱정', '막막'],
  angry: ['화나', '화가', '화났', '짜증', '열받', '어이없', '황당', '최악', '불친절', '불만', '항의', '답답', '억울', '싫', '너무하',
    '엉망', '형편없', '바가지', '사기', '분노', '빡치'],
  surprised: ['깜짝', '놀라', '놀랐', '놀랍', '헐', '대박', '설마', '갑자기', '웬일', '의외', '믿기지', '세상에'],
  relaxed: ['편안', '편하', '편해', '괜찮', '차분', '여유', '느긋', '안심', '평온', '조용', '자신있', '자신감', '준비됐', '준비되',
    '휴식', '든든', '평화', '홀가분'],
};
const KOREAN_STEMS = new Map<string, Exclude<Emotion, 'neutral'>[]>();
for (const [emotion, stems] of Object.entries(KOREAN_LEXICON) as [Exclude<Emotion, 'neutral'>, string[]][])
  for (const stem of stems) KOREAN_STEMS.set(stem, [...(KOREAN_STEMS.get(stem) ?? []), emotion]);
/** Korean negation: 안/못 before the verb (read into the word as 안좋아요), or 않/못하/아니 after it (좋지 않아요). */
const KOREAN_NEGATED_BEFORE = /^(안|못)/;
const KOREAN_NEGATION_AFTER = /^(않|못하|못해|아니|없)/;
const KOREAN_INTENSIFIERS = new Set(['너무', '정말', '진짜', '매우', '아주', '완전', '엄청', '되게', '무척', '참', '정말로', '많이']);

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

/** What a negated emotion word says: "not happy" is sad, "not angry" relaxed, "not surprised" neutral. */
function flip(emotion: Exclude<Emotion, 'neutral'>, negated: boolean): Emotion {
  if (!negated) return emotion;
  return emotion === 'happy' || emotion === 'relaxed' ? 'sad' : emotion === 'surprised' ? 'neutral' : 'relaxed';
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
      raw[flip(emotion, negated)] += weight;
      matched.push(w);
    }
  }
  const kws = koreanWords(text);
  for (const { stem, word } of matchStems(kws, KOREAN_STEMS)) {
    const w = kws[word]!;
    const negated = (KOREAN_NEGATED_BEFORE.test(w) && !w.startsWith(stem)) || KOREAN_NEGATION_AFTER.test(kws[word + 1] ?? '');
    const weight = KOREAN_INTENSIFIERS.has(kws[word - 1] ?? '') ? 1.5 : 1;
    for (const emotion of KOREAN_STEMS.get(stem)!) {
      raw[flip(emotion, negated)] += weight;
      matched.push(stem);
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
