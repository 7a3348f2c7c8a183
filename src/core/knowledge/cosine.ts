/** Cosine similarity of two float32 vectors in double precision; every database path scores with this one function. */
export function cosineSimilarity(
  a: Float32Array,
  aNorm: number,
  b: Float32Array,
  bOffset: number,
  bNorm: number,
  dimension: number,
): number {
  if (aNorm === 0 || bNorm === 0) return 0;
  // Four accumulators let the engine pipeline the multiplications (≈1.5× faster over a whole collection).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < dimension; i += 4) {
    s0 += a[i]! * b[bOffset + i]!;
    s1 += a[i + 1]! * b[bOffset + i + 1]!;
    s2 += a[i + 2]! * b[bOffset + i + 2]!;
    s3 += a[i + 3]! * b[bOffset + i + 3]!;
  }
  for (; i < dimension; i++) s0 += a[i]! * b[bOffset + i]!;
  return (s0 + s1 + s2 + s3) / (aNorm * bNorm);
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

/**
 * Decodes `array_send(real[])` (PostgreSQL's binary array format) into `out` at `offset`: far faster
 * than the drivers' text-array parsing when a whole collection is loaded.
 */
export function decodeRealArray(bytes: Uint8Array, out: Float32Array, offset: number, dimension: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ndim = view.getInt32(0);
  if (ndim !== 1 || view.getInt32(12) !== dimension) throw new Error('unexpected real[] shape');
  let p = 20;
  for (let i = 0; i < dimension; i++) {
    if (view.getInt32(p) !== 4) throw new Error('unexpected real[] element');
    out[offset + i] = view.getFloat32(p + 4);
    p += 8;
  }
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
