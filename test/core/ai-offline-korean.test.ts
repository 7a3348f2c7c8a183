import { describe, expect, it } from 'vitest';
import { analyzeEmotion } from '../../src/core/ai/providers/offline/emotion.js';
import { summarize } from '../../src/core/ai/providers/offline/summary.js';
import { koreanStem } from '../../src/core/ai/text.js';

describe('offline analyzers on Korean text', () => {
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
