import { contentWords, sentences } from '../../text.js';

/**
 * Extractive summary: sentences scored by how many of the text's frequent content words they carry
 * (normalized by length, with a small lead bonus), the best kept in their original order.
 */
export function summarize(
  text: string,
  opts: { maxSentences?: number } = {},
): { summary: string; keyPoints: string[]; sentenceCount: number } {
  const all = sentences(text);
  const max = Math.max(1, opts.maxSentences ?? 3);
  if (all.length <= max) return { summary: all.join(' '), keyPoints: topTerms(text, 5), sentenceCount: all.length };
  const freq = new Map<string, number>();
  for (const w of contentWords(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  const scored = all.map((s, i) => {
    const ws = contentWords(s);
    const weight = ws.reduce((sum, w) => sum + (freq.get(w) ?? 0), 0);
    const score = ws.length ? weight / Math.sqrt(ws.length) : 0;
    return { s, i, score: score * (i === 0 ? 1.15 : 1) };
  });
  const chosen = [...scored]
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .slice(0, max)
    .sort((a, b) => a.i - b.i);
  return { summary: chosen.map((c) => c.s).join(' '), keyPoints: topTerms(text, 5), sentenceCount: all.length };
}

/** The most frequent content words, ties broken alphabetically. */
export function topTerms(text: string, n: number): string[] {
  const freq = new Map<string, number>();
  for (const w of contentWords(text)) freq.set(w, (freq.get(w) ?? 0) + 1);
  return [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([w]) => w);
}
