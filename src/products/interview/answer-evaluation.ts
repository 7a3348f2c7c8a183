import { contentWords, sentences, words } from '../../core/ai/text.js';

export const ANSWER_RUBRIC_VERSION = 'offline-rubric-v1';

export interface AnswerEvaluation {
  /** 0–100 */
  score: number;
  feedback: string;
  keywords: string[];
  strengths: string[];
  improvements: string[];
  criteria: { length: number; structure: number; relevance: number; specificity: number };
  rubricVersion: string;
}

const STRUCTURE_MARKERS = [
  'first',
  'second',
  'then',
  'finally',
  'because',
  'so',
  'therefore',
  'result',
  'as a result',
  'for example',
  'for instance',
  'situation',
  'task',
  'action',
  'learned',
  'outcome',
  'however',
  'after',
  'before',
];
const OWNERSHIP = ['i', 'my', 'me', "i'm", "i've"];

/**
 * A transparent rubric: length (target 60–250 words), structure (sentences and connective markers, STAR),
 * relevance (content words shared with the question and the position), specificity (numbers, examples,
 * first-person ownership). Each criterion is 0–100; the score is their weighted mean.
 */
export function evaluateAnswer(input: { question: string; answer: string; position?: string }): AnswerEvaluation {
  const answerWords = words(input.answer);
  const count = answerWords.length;
  const text = ` ${answerWords.join(' ')} `;
  const length =
    count === 0 ? 0 : count < 60 ? Math.round((count / 60) * 80) : count <= 250 ? 100 : Math.max(60, 100 - Math.round((count - 250) / 10));
  const sentenceCount = sentences(input.answer).length;
  const markers = STRUCTURE_MARKERS.filter((m) => text.includes(` ${m} `));
  const structure = count === 0 ? 0 : Math.min(100, Math.min(sentenceCount, 5) * 12 + Math.min(markers.length, 5) * 8);
  const questionTerms = [...new Set([...contentWords(input.question), ...contentWords(input.position ?? '')])];
  const answerTerms = new Set(contentWords(input.answer));
  const covered = questionTerms.filter(
    (t) => answerTerms.has(t) || [...answerTerms].some((a) => a.length > 4 && (a.startsWith(t.slice(0, 5)) || t.startsWith(a.slice(0, 5)))),
  );
  const relevance =
    questionTerms.length === 0 ? (count ? 70 : 0) : Math.min(100, Math.round((covered.length / Math.min(questionTerms.length, 6)) * 100));
  const hasNumbers = /\d/.test(input.answer);
  const hasExample = /\b(for example|for instance|once|when i|last year|in my last|at my)\b/i.test(input.answer);
  const ownership = answerWords.filter((w) => OWNERSHIP.includes(w)).length;
  const specificity = count === 0 ? 0 : Math.min(100, (hasNumbers ? 35 : 0) + (hasExample ? 35 : 0) + Math.min(ownership, 6) * 5);
  const score = Math.round(0.2 * length + 0.25 * structure + 0.3 * relevance + 0.25 * specificity);

  const strengths: string[] = [];
  const improvements: string[] = [];
  if (length >= 90) strengths.push('The answer has a good length: complete without rambling.');
  else if (count < 60) improvements.push(`The answer is short (${count} words); aim for 60–250 words with a concrete example.`);
  else improvements.push('The answer is long; lead with the main point and trim the detail.');
  if (structure >= 70) strengths.push('Clear structure that is easy to follow.');
  else improvements.push('Structure the answer: situation, what you did, and the result (STAR).');
  if (relevance >= 70) strengths.push(`Stays on the question (${covered.slice(0, 3).join(', ')}).`);
  else
    improvements.push(
      `Address the question more directly${questionTerms.length ? ` — it asks about ${questionTerms.slice(0, 3).join(', ')}` : ''}.`,
    );
  if (specificity >= 70) strengths.push('Specific: concrete examples and measurable results.');
  else
    improvements.push(
      hasNumbers ? 'Add a concrete example of what you did yourself.' : 'Quantify the outcome (numbers, time saved, users affected).',
    );
  const verdict =
    score >= 80
      ? 'A strong answer.'
      : score >= 60
        ? 'A solid answer with room to improve.'
        : score >= 40
          ? 'A partial answer.'
          : 'The answer does not yet address the question.';
  return {
    score,
    feedback: `${verdict} ${improvements[0] ?? strengths[0] ?? ''}`.trim(),
    keywords: [...answerTerms]
      .filter((t) => questionTerms.includes(t))
      .concat([...answerTerms].filter((t) => !questionTerms.includes(t)))
      .slice(0, 8),
    strengths,
    improvements,
    criteria: { length, structure, relevance, specificity },
    rubricVersion: ANSWER_RUBRIC_VERSION,
  };
}
