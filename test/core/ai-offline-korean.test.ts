import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyIntent, INTENT_NAMES } from '../../src/core/ai/providers/offline/intent.js';
import { analyzeEmotion } from '../../src/core/ai/providers/offline/emotion.js';
import { summarize } from '../../src/core/ai/providers/offline/summary.js';
import { koreanStem } from '../../src/core/ai/providers/offline/text.js';

interface LabelledSet {
  lines: { text: string; intent: string }[];
}
const load = (name: string) => JSON.parse(fs.readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as LabelledSet;
const accuracy = (set: LabelledSet) => set.lines.filter((l) => classifyIntent(l.text).intent === l.intent).length / set.lines.length;

describe('offline analyzers on Korean text', () => {
  const korean = load('intent-ko.json');
  const english = load('intent-en.json');

  it('the labelled sets: at least 60 Korean lines over every intent, including lines with none', () => {
    expect(korean.lines.length).toBeGreaterThanOrEqual(60);
    for (const set of [korean, english]) for (const l of set.lines) expect(INTENT_NAMES).toContain(l.intent);
    for (const intent of INTENT_NAMES) expect(korean.lines.filter((l) => l.intent === intent).length).toBeGreaterThanOrEqual(5);
    expect(new Set(korean.lines.map((l) => l.text)).size).toBe(korean.lines.length);
  });

  it('intent accuracy is at least 0.8 on the Korean contact-center lines and on the English ones', () => {
    expect(accuracy(korean)).toBeGreaterThanOrEqual(0.8);
    expect(accuracy(english)).toBeGreaterThanOrEqual(0.8);
  });

  it('intent: particles and endings do not hide the stem', () => {
    for (const text of ['요금제를 바꾸고 싶어요', '요금제가 바뀌었으면 해요', '다른 요금제로 변경하려고요', '요금제 변경해 주세요'])
      expect(classifyIntent(text).intent, text).toBe('plan_change');
    // 요금 (the charge) and 요금제 (the plan) are told apart.
    expect(classifyIntent('이번 달 요금이 너무 많이 나왔어요').intent).toBe('billing_inquiry');
    expect(classifyIntent('로밍 요금이 얼마인가요?').intent).toBe('roaming');
    const r = classifyIntent('약정 중에 해지하면 위약금이 얼마인가요?');
    expect(r.intent).toBe('cancellation');
    expect(r.confidence).toBeGreaterThan(0.5);
    expect(r.keywords).toEqual(expect.arrayContaining(['해지', '위약금']));
    expect(classifyIntent('안녕하세요').intent).toBe('general_inquiry');
    // Deterministic.
    expect(classifyIntent('데이터가 갑자기 안 돼요')).toEqual(classifyIntent('데이터가 갑자기 안 돼요'));
  });

  it('emotion and sentiment from the words of the chat, tutor, interview and assist products', () => {
    expect(analyzeEmotion('좋네요, 신청할게요. 감사합니다.')).toMatchObject({ dominantEmotion: 'happy', sentiment: { label: 'positive' } });
    expect(analyzeEmotion('할머니가 너무 보고 싶어요. 요즘 많이 외로워요').dominantEmotion).toBe('sad');
    expect(analyzeEmotion('정말 화가 나요, 서비스가 최악이에요')).toMatchObject({
      dominantEmotion: 'angry',
      sentiment: { label: 'negative' },
    });
    expect(analyzeEmotion('와 정말 깜짝 놀랐어요!').dominantEmotion).toBe('surprised');
    expect(analyzeEmotion('면접 준비됐어요, 마음이 편안해요').dominantEmotion).toBe('relaxed');
    // Negation before (안 좋아요) and after (좋지 않아요) the word.
    expect(analyzeEmotion('별로 안 좋아요').sentiment.label).toBe('negative');
    expect(analyzeEmotion('좋지 않아요').sentiment.label).toBe('negative');
    expect(analyzeEmotion('회의는 열 시에 있어요.').dominantEmotion).toBe('neutral');
  });

  it('summary: the central Korean sentences in their order, key points without particles', () => {
    expect(koreanStem('요금제를')).toBe('요금제');
    expect(koreanStem('데이터가')).toBe('데이터');
    expect(koreanStem('나이')).toBe('나이');
    const s = summarize(
      '고객이 이번 달 요금이 많이 나왔다고 문의했습니다. 오늘 날씨가 맑습니다. 청구서에 로밍 요금이 두 번 청구되었습니다. ' +
        '상담사가 로밍 요금 이중 청구를 확인했습니다. 고객은 강아지를 키웁니다. 이중 청구된 로밍 요금은 다음 달 청구서에서 환불됩니다.',
      { maxSentences: 2 },
    );
    expect(s.sentenceCount).toBe(6);
    expect(s.summary).not.toContain('날씨');
    expect(s.summary).not.toContain('강아지');
    expect(s.keyPoints).toEqual(expect.arrayContaining(['요금', '로밍', '청구서']));
  });
});
