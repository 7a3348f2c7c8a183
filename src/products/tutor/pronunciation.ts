import { words } from '../../core/ai/text.js';

export type WordStatus = 'correct' | 'substituted' | 'missing' | 'extra';

export interface PronunciationScore {
  /** 0–100 */
  overallScore: number;
  /** Share of reference words said correctly, 0–100. */
  wordAccuracy: number;
  /** Share of reference words said at all (correct or substituted), 0–100. */
  completenessScore: number;
  grade: 'A+' | 'A' | 'B+' | 'B' | 'C+' | 'C' | 'D' | 'F';
  words: { word: string; status: WordStatus; heard?: string }[];
  missedWords: string[];
  extraWords: string[];
  feedback: string;
}

const GRADES: [number, PronunciationScore['grade']][] = [
  [95, 'A+'],
  [90, 'A'],
  [85, 'B+'],
  [80, 'B'],
  [75, 'C+'],
  [70, 'C'],
  [60, 'D'],
  [0, 'F'],
];

/** Words compare after the tokenizer's normalization (case, apostrophes); a near miss like "crown" for "brown" is a substitution. */
const sameWord = (a: string, b: string) => a === b;

/**
 * Aligns what was heard to the reference sentence by word-level edit distance and scores it:
 * each reference word is correct, substituted or missing; heard words with no place are extra.
 */
export function scorePronunciation(reference: string, transcript: string): PronunciationScore {
  const ref = words(reference);
  const hyp = words(transcript);
  const n = ref.length;
  const m = hyp.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (sameWord(ref[i - 1]!, hyp[j - 1]!) ? 0 : 1));
    }
  }
  const aligned: PronunciationScore['words'] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (sameWord(ref[i - 1]!, hyp[j - 1]!) ? 0 : 1)) {
      const ok = sameWord(ref[i - 1]!, hyp[j - 1]!);
      aligned.push(ok ? { word: ref[i - 1]!, status: 'correct' } : { word: ref[i - 1]!, status: 'substituted', heard: hyp[j - 1]! });
      i--;
      j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      aligned.push({ word: ref[i - 1]!, status: 'missing' });
      i--;
    } else {
      aligned.push({ word: hyp[j - 1]!, status: 'extra' });
      j--;
    }
  }
  aligned.reverse();
  const correct = aligned.filter((w) => w.status === 'correct').length;
  const substituted = aligned.filter((w) => w.status === 'substituted').length;
  const missedWords = aligned.filter((w) => w.status === 'missing').map((w) => w.word);
  const extraWords = aligned.filter((w) => w.status === 'extra').map((w) => w.word);
  const wordAccuracy = n ? Math.round((correct / n) * 100) : 0;
  const completenessScore = n ? Math.round(((correct + substituted) / n) * 100) : 0;
  const penalty = n ? Math.min(1, extraWords.length / n) * 10 : 0;
  const overallScore = Math.max(0, Math.min(100, Math.round(0.7 * wordAccuracy + 0.3 * completenessScore - penalty)));
  const grade = GRADES.find(([min]) => overallScore >= min)![1];
  const subs = aligned.filter((w) => w.status === 'substituted');
  const feedback =
    overallScore >= 95
      ? 'Excellent: every word was clear.'
      : [
          subs.length
            ? `Practise ${subs
                .slice(0, 3)
                .map((w) => `"${w.word}" (heard "${w.heard}")`)
                .join(', ')}.`
            : '',
          missedWords.length
            ? `You left out ${missedWords
                .slice(0, 3)
                .map((w) => `"${w}"`)
                .join(', ')}.`
            : '',
          extraWords.length
            ? `Leave out the extra ${extraWords.length === 1 ? 'word' : 'words'} ${extraWords
                .slice(0, 3)
                .map((w) => `"${w}"`)
                .join(', ')}.`
            : '',
        ]
          .filter(Boolean)
          .join(' ') || 'Good; say it once more a little more slowly.';
  return { overallScore, wordAccuracy, completenessScore, grade, words: aligned, missedWords, extraWords, feedback };
}
