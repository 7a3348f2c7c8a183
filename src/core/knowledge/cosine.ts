/** Cosine similarity of two float32 vectors, accumulated in double precision so every database path scores alike. */
export function cosineSimilarity(a: Float32Array, aNorm: number, b: Float32Array, bOffset: number, bNorm: number, dimension: number): number {
  if (aNorm === 0 || bNorm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < dimension; i++) dot += a[i]! * b[bOffset + i]!;
  return dot / (aNorm * bNorm);
}

export function normOf(v: Float32Array, offset = 0, dimension = v.length): number {
  let s = 0;
  for (let i = 0; i < dimension; i++) {
    const x = v[offset + i]!;
    s += x * x;
  }
  return Math.sqrt(s);
}

export interface Scored {
  id: string;
  score: number;
}

/** Best first; equal scores by id, so every path breaks ties the same way. */
export function compareScored(a: Scored, b: Scored): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Keeps the k best of a stream of scores (k ≤ 100, so a sorted array beats a heap). */
export function createTopK(k: number) {
  const kept: Scored[] = [];
  return {
    offer(id: string, score: number) {
      if (kept.length === k) {
        const worst = kept[k - 1]!;
        if (score < worst.score || (score === worst.score && id > worst.id)) return;
      }
      const item = { id, score };
      let i = kept.length;
      while (i > 0 && compareScored(item, kept[i - 1]!) < 0) i--;
      kept.splice(i, 0, item);
      if (kept.length > k) kept.pop();
    },
    result: () => kept,
  };
}

/** Parses a `real[]` value as either driver returns it (an array of numbers, or PostgreSQL's `{…}` text). */
export function toFloat32(value: unknown): Float32Array {
  if (Array.isArray(value)) return Float32Array.from(value as number[]);
  if (typeof value === 'string') return Float32Array.from(value.replace(/^\{|\}$/g, '').split(','), Number);
  throw new Error('not a real[] value');
}

// Nine significant digits identify a float32 exactly, so the database stores the very value this process scores with.
const float32Text = (x: number) => (x === 0 ? '0' : x.toPrecision(9));

/** The pgvector text form of a vector. */
export function vectorLiteral(v: Float32Array): string {
  return `[${Array.from(v, float32Text).join(',')}]`;
}

/** The PostgreSQL `real[]` text form of a vector. */
export function arrayLiteral(v: Float32Array): string {
  return `{${Array.from(v, float32Text).join(',')}}`;
}
