/**
 * The offline recognizer of the offline engine's own speech. It is not speech recognition: every sentence the
 * offline speech synthesizes in this process is registered with a compact fingerprint (the log energy of five
 * telephone-band filters every 10 ms, which survives resampling to 8 kHz, μ-law and gain changes), and incoming
 * audio is matched against those by normalized correlation over a few lags after its speech onset. A sentence is
 * recognized whole once its audio is covered, a prefix gives the words proportional to the audio so far, and one
 * utterance may hold several sentences in a row.
 */
import { createPcm16Resampler, int16View, type Pcm16Resampler } from '../../pcm.js';

const RATE = 8000;
/** 10 ms hops; a frame's energy spans two hops (20 ms) to smooth over where the frame grid falls. */
const HOP = 80;
const BAND_CENTRES = [300, 600, 1100, 1900, 3000];
const BANDS = BAND_CENTRES.length;
const Q = 1.5;
/** Energy floor (an amplitude of 30): silence reads alike after μ-law and resampling noise. */
const FLOOR = 30 * 30;
/** A frame louder than this (an amplitude of about 150 in one band) is speech. */
const ONSET = Math.log(150 * 150);
/** Lags searched around the onsets' alignment, in frames (±60 ms). */
const LAG = 6;
const LAGS = 2 * LAG + 1;
/** Frames of overlap before a correlation counts, and when the candidates are narrowed. */
const MIN_OVERLAP = 15;
const PRUNE_AT = 20;
/** Candidates kept when narrowing: those within MARGIN of the best, at most KEEP; narrowed again every RENARROW frames. */
const KEEP = 256;
const MARGIN = 0.15;
const RENARROW = 10;
/** Correlation a match must reach. */
export const MATCH_THRESHOLD = 0.8;
const REGISTRY_SIZE = 2000;

interface Biquad {
  b0: number;
  b2: number;
  a1: number;
  a2: number;
}

const FILTERS: Biquad[] = BAND_CENTRES.map((f) => {
  const w = (2 * Math.PI * f) / RATE;
  const alpha = Math.sin(w) / (2 * Q);
  const a0 = 1 + alpha;
  return { b0: alpha / a0, b2: -alpha / a0, a1: (-2 * Math.cos(w)) / a0, a2: (1 - alpha) / a0 };
});

/** Growable Float64 storage of fixed-width rows. */
class Rows {
  data: Float64Array;
  length = 0;
  constructor(
    readonly width: number,
    capacity = 256,
  ) {
    this.data = new Float64Array(capacity * width);
  }
  push(values: ArrayLike<number>) {
    if ((this.length + 1) * this.width > this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data.set(values, this.length * this.width);
    this.length++;
  }
}

/**
 * Band log energies of a PCM16 stream at any rate, frame by frame, with running sums (per band Σx, and Σx² over
 * all bands) so any window's mean and variance cost O(bands).
 */
class FeatureStream {
  readonly frames = new Rows(BANDS);
  /** Row t: sums over frames [0, t): Σx per band, then Σx² over bands. */
  readonly sums = new Rows(BANDS + 1);
  private readonly resampler: Pcm16Resampler;
  private readonly state = new Float64Array(BANDS * 4);
  private readonly hop = new Float64Array(BANDS);
  private readonly lastHop = new Float64Array(BANDS);
  private inHop = 0;
  private readonly row = new Float64Array(BANDS);
  private readonly sumRow = new Float64Array(BANDS + 1);

  constructor(rate: number) {
    this.resampler = createPcm16Resampler(rate, RATE);
    this.sums.push(this.sumRow);
  }

  push(pcm: Buffer) {
    this.consume(this.resampler.push(pcm));
  }

  flush() {
    this.consume(this.resampler.flush());
  }

  private consume(pcm: Buffer) {
    const samples = int16View(pcm);
    const n = samples.length;
    const s = this.state;
    for (let i = 0; i < n; i++) {
      const x = samples[i]!;
      for (let b = 0; b < BANDS; b++) {
        const f = FILTERS[b]!;
        const o = b * 4;
        // Direct form I: s = [x1, x2, y1, y2].
        const y = f.b0 * x + f.b2 * s[o + 1]! - f.a1 * s[o + 2]! - f.a2 * s[o + 3]!;
        s[o + 1] = s[o]!;
        s[o] = x;
        s[o + 3] = s[o + 2]!;
        s[o + 2] = y;
        this.hop[b]! += y * y;
      }
      if (++this.inHop === HOP) this.endHop();
    }
  }

  private endHop() {
    let squares = 0;
    for (let b = 0; b < BANDS; b++) {
      const v = Math.log((this.hop[b]! + this.lastHop[b]!) / (2 * HOP) + FLOOR);
      this.row[b] = v;
      this.sumRow[b]! += v;
      squares += v * v;
      this.lastHop[b] = this.hop[b]!;
      this.hop[b] = 0;
    }
    this.sumRow[BANDS]! += squares;
    this.inHop = 0;
    this.frames.push(this.row);
    this.sums.push(this.sumRow);
  }
}

/** The first frame at or after `from` loud enough to be speech, or -1. */
function findOnset(frames: Rows, from: number): number {
  for (let t = Math.max(0, from); t < frames.length; t++) {
    for (let b = 0; b < BANDS; b++) if (frames.data[t * BANDS + b]! > ONSET) return t;
  }
  return -1;
}

/** The last loud frame, or -1. */
function findOffset(frames: Rows): number {
  for (let t = frames.length - 1; t >= 0; t--) {
    for (let b = 0; b < BANDS; b++) if (frames.data[t * BANDS + b]! > ONSET) return t;
  }
  return -1;
}

export interface OwnSpeechEntry {
  text: string;
  words: string[];
  frames: Float64Array;
  sums: Float64Array;
  /** Frames kept (through a little past the last loud frame). */
  length: number;
  onset: number;
  offset: number;
}

/** The fingerprint of one synthesized sentence; null when it holds no speech. */
export function fingerprint(text: string, pcm: Buffer, rate: number): OwnSpeechEntry | null {
  const f = new FeatureStream(rate);
  f.push(pcm);
  f.flush();
  const onset = findOnset(f.frames, 0);
  const offset = findOffset(f.frames);
  if (onset < 0 || offset - onset < MIN_OVERLAP) return null;
  const length = Math.min(f.frames.length, offset + 4);
  return {
    text,
    words: text.split(/\s+/).filter(Boolean),
    frames: f.frames.data.slice(0, length * BANDS),
    sums: f.sums.data.slice(0, (length + 1) * (BANDS + 1)),
    length,
    onset,
    offset,
  };
}

/** The sentences this process's offline speech has made, most recent last; bounded. */
export function createOwnSpeechRegistry(limit = REGISTRY_SIZE) {
  const entries = new Map<string, OwnSpeechEntry>();
  return {
    /** Registers a sentence's audio under its text and voice; a repeat refreshes its place. */
    register(key: string, text: string, pcm: Buffer, rate: number) {
      if (this.touch(key)) return;
      const e = fingerprint(text, pcm, rate);
      if (e) this.add(key, e);
    },
    /** Moves a known sentence to the most recent place; false when it is not registered. */
    touch(key: string): boolean {
      const e = entries.get(key);
      if (!e) return false;
      entries.delete(key);
      entries.set(key, e);
      return true;
    },
    /** Registers a fingerprint made elsewhere (the speech worker). */
    add(key: string, e: OwnSpeechEntry) {
      entries.delete(key);
      entries.set(key, e);
      if (entries.size > limit) entries.delete(entries.keys().next().value!);
    },
    entries: () => [...entries.values()],
    get size() {
      return entries.size;
    },
  };
}

export type OwnSpeechRegistry = ReturnType<typeof createOwnSpeechRegistry>;

/** The process's registry, shared by offline speech (which fills it) and offline transcription (which reads it). */
export const ownSpeech = createOwnSpeechRegistry();

interface Candidate {
  e: OwnSpeechEntry;
  /** Σxy per lag over the overlap so far. */
  acc: Float64Array;
  /** `acc` as it was at the last loud frame: trailing silence is not scored, so a prefix still matches. */
  scored: Float64Array;
  r: number;
  lag: number;
  /** Fraction of the sentence's speech covered at the best lag. */
  coverage: number;
  /** Incoming frame where the sentence's speech ends at the best lag. */
  endFrame: number;
}

export interface OwnSpeechHypothesis {
  text: string;
  /** True when the last sentence is covered to its end. */
  complete: boolean;
}

/**
 * Matches one utterance as it streams in. `push` audio, read `hypothesis()` for partials, `finish()` for the final
 * text (null when nothing matched).
 */
export class OwnSpeechMatcher {
  private readonly x: FeatureStream;
  private readonly committed: string[] = [];
  private segStart = -1;
  private searchFrom = 0;
  private processed = 0;
  private cands: Candidate[] = [];
  private best: Candidate | null = null;
  /** The segment's last loud frame (relative to its start). */
  private lastLoud = 0;
  private narrowed = false;

  constructor(
    private readonly registry: OwnSpeechRegistry,
    rate: number,
  ) {
    this.x = new FeatureStream(rate);
  }

  push(pcm: Buffer) {
    this.x.push(pcm);
    this.advance();
  }

  hypothesis(): OwnSpeechHypothesis | null {
    const words = [...this.committed];
    const b = this.leader();
    let complete = this.committed.length > 0;
    if (b && b.r >= MATCH_THRESHOLD) {
      const n = b.coverage >= 0.9 ? b.e.words.length : Math.max(1, Math.round(b.e.words.length * b.coverage));
      words.push(...b.e.words.slice(0, n));
      complete = b.coverage >= 0.9;
    }
    return words.length ? { text: words.join(' '), complete } : null;
  }

  /** The best match over the threshold; among near-equal ones, the longest sentence already covered to its end. */
  private leader(): Candidate | null {
    const best = this.best;
    if (!best || best.r < MATCH_THRESHOLD) return null;
    // One pass, no allocation: this runs for every frame of every live utterance.
    let covered: Candidate | null = null;
    for (const c of this.cands) {
      if (c.coverage < 0.95 || c.r < best.r - 0.02) continue;
      if (!covered || c.e.offset - c.e.onset > covered.e.offset - covered.e.onset) covered = c;
    }
    return covered ?? best;
  }

  finish(): OwnSpeechHypothesis | null {
    this.x.flush();
    this.advance();
    return this.hypothesis();
  }

  private advance() {
    const frames = this.x.frames;
    while (this.processed < frames.length) {
      const t = this.processed++;
      if (this.segStart < 0) {
        if (t < this.searchFrom) continue;
        const onset = findOnset(frames, t);
        if (onset !== t) continue;
        this.segStart = t;
        this.lastLoud = 0;
        this.narrowed = false;
        const entries = this.registry.entries();
        // Two slabs for all candidates' sums instead of two small arrays each.
        const acc = new Float64Array(entries.length * LAGS);
        const scored = new Float64Array(entries.length * LAGS);
        this.cands = entries.map((e, i) => ({
          e,
          acc: acc.subarray(i * LAGS, (i + 1) * LAGS),
          scored: scored.subarray(i * LAGS, (i + 1) * LAGS),
          r: 0,
          lag: 0,
          coverage: 0,
          endFrame: 0,
        }));
      }
      this.step(t);
    }
  }

  /** Adds frame t to every candidate's correlation sums and re-scores them. */
  private step(t: number) {
    const k = t - this.segStart;
    const xd = this.x.frames.data;
    const xo = t * BANDS;
    let loud = false;
    for (let b = 0; b < BANDS; b++) if (xd[xo + b]! > ONSET) loud = true;
    if (loud) this.lastLoud = k;
    // Until the candidates are narrowed (once PRUNE_AT frames of speech are in) only the sums grow; scoring every
    // one of them on every frame would cost more than the rest of the matching together.
    const narrowing = !this.narrowed && loud && k >= PRUNE_AT;
    const scoring = loud && (this.narrowed || narrowing);
    let best: Candidate | null = null;
    for (const c of this.cands) {
      const { e, acc } = c;
      for (let li = 0; li < LAGS; li++) {
        const j = e.onset + k + li - LAG;
        if (j < 0 || j >= e.length) continue;
        const yo = j * BANDS;
        let s = 0;
        for (let b = 0; b < BANDS; b++) s += xd[xo + b]! * e.frames[yo + b]!;
        acc[li]! += s;
      }
      if (loud) c.scored.set(acc);
      if (scoring) this.score(c, k);
      if (!best || c.r > best.r) best = c;
    }
    if (scoring) this.best = best;
    // Sentences that start alike stay candidates until their audio differs.
    if (narrowing || (scoring && k % RENARROW === 0)) {
      this.narrowed = true;
      const floor = Math.max(0.3, (best?.r ?? 0) - MARGIN);
      this.cands = this.cands
        .filter((c) => c.r >= floor)
        .sort((a, b) => b.r - a.r)
        .slice(0, KEEP);
    }
    if (this.narrowed) this.maybeCommit();
  }

  /** The pooled correlation (band means removed) at each lag; keeps the best lag's. */
  private score(c: Candidate, k: number) {
    const { e } = c;
    const xs = this.x.sums.data;
    const W = BANDS + 1;
    c.r = 0;
    for (let li = 0; li < LAGS; li++) {
      const base = e.onset + li - LAG;
      const k0 = Math.max(0, -base);
      const k1 = Math.min(k + 1, e.length - base);
      const m = k1 - k0;
      if (m < MIN_OVERLAP) continue;
      const x0 = (this.segStart + k0) * W;
      const x1 = (this.segStart + k1) * W;
      const y0 = (base + k0) * W;
      const y1 = (base + k1) * W;
      let cross = 0;
      let sx2 = 0;
      let sy2 = 0;
      for (let b = 0; b < BANDS; b++) {
        const sx = xs[x1 + b]! - xs[x0 + b]!;
        const sy = e.sums[y1 + b]! - e.sums[y0 + b]!;
        cross += sx * sy;
        sx2 += sx * sx;
        sy2 += sy * sy;
      }
      const vx = xs[x1 + BANDS]! - xs[x0 + BANDS]! - sx2 / m;
      const vy = e.sums[y1 + BANDS]! - e.sums[y0 + BANDS]! - sy2 / m;
      // A flat signal (a steady tone, constant noise) has almost no variance to correlate.
      if (vx < m * 0.05 || vy < m * 0.05) continue;
      const r = (c.scored[li]! - cross / m) / Math.sqrt(vx * vy);
      if (r > c.r) {
        c.r = r;
        c.lag = li - LAG;
        const reached = base + k1 - 1;
        c.coverage = Math.min(1, Math.max(0, (reached - e.onset + 1) / (e.offset - e.onset + 1)));
        c.endFrame = this.segStart + (e.offset - base);
      }
    }
  }

  /** Commits a sentence whose speech is covered once no longer sentence sharing its start still matches better. */
  private maybeCommit() {
    // A covered sentence is committed once no longer sentence sharing its start still matches as well.
    const covered = this.leader();
    if (!covered || covered.coverage < 0.95) return;
    if (this.cands.some((c) => c.coverage < 0.95 && c.r >= covered.r - 0.02)) return;
    this.committed.push(...covered.e.words);
    this.searchFrom = covered.endFrame + 1;
    this.segStart = -1;
    this.cands = [];
    this.best = null;
    // Frames already read past the sentence's end are read again for the next one.
    this.processed = Math.min(this.processed, this.searchFrom);
  }
}
