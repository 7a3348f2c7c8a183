import { fnv1a, words } from '../../text.js';

export const OFFLINE_EMBED_MODEL = 'offline-hashed-ngrams-v1';

const WEIGHTS = { unigram: 1, bigram: 0.7, trigram: 0.35 } as const;

/**
 * A lexical embedding by signed feature hashing: word unigrams, word bigrams and character trigrams
 * hashed into `dimensions` buckets, L2-normalized. Texts sharing words and word pieces get a high cosine.
 * An empty text (no letters or digits) gives the zero vector.
 */
export function embedText(text: string, dimensions: number): number[] {
  const v = new Float64Array(dimensions);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    const bucket = h % dimensions;
    const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
    v[bucket] += sign * weight;
  };
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    add(`w:${w}`, WEIGHTS.unigram);
    if (i + 1 < ws.length) add(`b:${w} ${ws[i + 1]}`, WEIGHTS.bigram);
    const padded = `#${w}#`;
    for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, WEIGHTS.trigram);
  }
  let norm = 0;
  for (let i = 0; i < dimensions; i++) norm += v[i]! * v[i]!;
  norm = Math.sqrt(norm);
  const out = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) out[i] = norm > 0 ? Math.round((v[i]! / norm) * 1e7) / 1e7 : 0;
  return out;
}

export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
