/**
 * PCM16 little-endian mono audio: resampling between the rates the voice routes speak, WAV wrapping and
 * unwrapping, and G.711 μ-law for telephone audio. Shared by the AI port, its providers and the voice pipeline.
 */
import { readWav, writeWav } from './providers/offline/wav.js';

/** Rates the resampler converts between. */
export type ResampleRate = 8000 | 16000 | 22050 | 24000;

/** Taps on each side of a windowed-sinc output sample: ~1 ms of delay at 16 kHz, enough to keep aliasing well down. */
const HALF_TAPS = 16;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

interface Filter {
  /** Input samples advanced per output sample, as the fraction step/phases. */
  step: number;
  phases: number;
  /** `phases` rows of 2·HALF_TAPS coefficients, row p for the fractional position p/phases. */
  taps: Float32Array;
}

const filters = new Map<string, Filter>();

/** The polyphase table for one conversion, built once per pair of rates. */
function filterFor(from: number, to: number): Filter {
  const key = `${from}>${to}`;
  let f = filters.get(key);
  if (f) return f;
  const g = gcd(from, to);
  const step = from / g;
  const phases = to / g;
  const cutoff = Math.min(1, to / from) * 0.95;
  const width = 2 * HALF_TAPS;
  const taps = new Float32Array(phases * width);
  for (let p = 0; p < phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let k = 0; k < width; k++) {
      const x = k - (HALF_TAPS - 1) - frac;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * cutoff * x) / (Math.PI * cutoff * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (HALF_TAPS + 1));
      const c = cutoff * sinc * window;
      taps[p * width + k] = c;
      sum += c;
    }
    // Unity gain at DC for every phase, so a quiet hiss is not added by the table's rounding.
    for (let k = 0; k < width; k++) taps[p * width + k]! /= sum;
  }
  f = { step, phases, taps };
  filters.set(key, f);
  return f;
}

/** A resampler that keeps its state across chunks, so a stream resampled piecewise has no clicks at chunk edges. */
export interface Pcm16Resampler {
  /** Resamples a chunk (any even length); returns the output samples ready so far. */
  push(pcm: Buffer): Buffer;
  /** The samples held back for the filter's look-ahead, at the end of the stream. */
  flush(): Buffer;
}

export function createPcm16Resampler(from: ResampleRate | number, to: ResampleRate | number): Pcm16Resampler {
  if (from === to) return { push: (pcm) => pcm, flush: () => Buffer.alloc(0) };
  const { step, phases, taps } = filterFor(from, to);
  const width = 2 * HALF_TAPS;
  // Input samples not yet consumed, with HALF_TAPS of zeros in front so the first output is centred on sample 0.
  let held = new Float32Array(HALF_TAPS - 1);
  /** Index (in `held`) of the sample under the next output, and its fractional phase numerator. */
  let base = 0;
  let phase = 0;
  let carry: number | null = null;

  function run(input: Float32Array): Buffer {
    const buf = new Float32Array(held.length + input.length);
    buf.set(held, 0);
    buf.set(input, held.length);
    const capacity = Math.ceil((Math.max(0, buf.length - width + 1) * phases) / step) + 2;
    const out = new Int16Array(capacity);
    // Whole input samples and the remainder each output sample advances by, so the loop needs no division.
    const whole = Math.floor(step / phases);
    const part = step % phases;
    const last = buf.length - width;
    let n = 0;
    while (base <= last) {
      const row = phase * width;
      let acc = 0;
      for (let k = 0; k < width; k++) acc += buf[base + k]! * taps[row + k]!;
      out[n++] = acc > 32767 ? 32767 : acc < -32768 ? -32768 : Math.round(acc);
      base += whole;
      phase += part;
      if (phase >= phases) {
        phase -= phases;
        base++;
      }
    }
    held = buf.slice(base);
    base = 0;
    return Buffer.from(out.buffer, 0, n * 2);
  }

  function samples(pcm: Buffer): Float32Array {
    let bytes = pcm;
    if (carry !== null) {
      bytes = Buffer.concat([Buffer.from([carry]), pcm]);
      carry = null;
    }
    if (bytes.length % 2) {
      carry = bytes[bytes.length - 1]!;
      bytes = bytes.subarray(0, bytes.length - 1);
    }
    return Float32Array.from(int16View(bytes));
  }

  return {
    push: (pcm) => run(samples(pcm)),
    flush: () => run(new Float32Array(HALF_TAPS)),
  };
}

/** The samples of PCM16 LE bytes, without a copy when they are aligned (Node runs on little-endian hosts). */
export function int16View(pcm: Buffer): Int16Array {
  const bytes = pcm.byteOffset % 2 === 0 ? pcm : Buffer.from(pcm);
  return new Int16Array(bytes.buffer, bytes.byteOffset, bytes.length >> 1);
}

/** Resamples a whole clip of PCM16 LE mono. */
export function resamplePcm16(pcm: Buffer, from: ResampleRate | number, to: ResampleRate | number): Buffer {
  if (from === to) return pcm;
  const r = createPcm16Resampler(from, to);
  const head = r.push(pcm);
  const tail = r.flush();
  const all = Buffer.concat([head, tail]);
  // Trim to the exact length the ratio implies (the flush may add a sample of rounding).
  const expected = Math.round(((pcm.length >> 1) * to) / from) * 2;
  return all.length > expected ? all.subarray(0, expected) : all;
}

/** Wraps PCM16 LE mono in a WAV file; `info` adds LIST/INFO entries. */
export function pcm16ToWav(pcm: Buffer, sampleRate: number, info: Record<string, string> = {}): Buffer {
  return writeWav({ sampleRate, channels: 1, bitsPerSample: 16, data: pcm }, info);
}

/** The PCM16 LE mono samples of a PCM WAV (8- or 16-bit, channels averaged), or null when it is not one. */
export function wavToPcm16(wav: Buffer): { pcm: Buffer; sampleRate: number; info: Record<string, string> } | null {
  const w = readWav(wav);
  if (!w || w.channels < 1 || (w.bitsPerSample !== 16 && w.bitsPerSample !== 8)) return null;
  const bytesPer = w.bitsPerSample / 8;
  const frame = bytesPer * w.channels;
  const frames = Math.floor(w.data.length / frame);
  if (w.channels === 1 && w.bitsPerSample === 16) {
    return { pcm: Buffer.from(w.data.subarray(0, frames * 2)), sampleRate: w.sampleRate, info: w.info };
  }
  const out = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++) {
    let sum = 0;
    for (let c = 0; c < w.channels; c++) {
      const at = i * frame + c * bytesPer;
      sum += bytesPer === 2 ? w.data.readInt16LE(at) : (w.data[at]! - 128) << 8;
    }
    out.writeInt16LE(Math.round(sum / w.channels), i * 2);
  }
  return { pcm: out, sampleRate: w.sampleRate, info: w.info };
}

/** Seconds of PCM16 mono audio. */
export const pcm16Duration = (pcm: Buffer, sampleRate: number) => pcm.length / 2 / sampleRate;

const MULAW_BIAS = 0x84;
const MULAW_CLIP = 32635;
const mulawDecodeTable = (() => {
  const t = new Int16Array(256);
  for (let i = 0; i < 256; i++) {
    const u = ~i & 0xff;
    const exponent = (u >> 4) & 0x07;
    const magnitude = (((u & 0x0f) << 3) + MULAW_BIAS) << exponent;
    t[i] = u & 0x80 ? MULAW_BIAS - magnitude : magnitude - MULAW_BIAS;
  }
  return t;
})();

/** One PCM16 sample to a G.711 μ-law byte. */
export function mulawEncodeSample(sample: number): number {
  let s = sample;
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > MULAW_CLIP) s = MULAW_CLIP;
  s += MULAW_BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** PCM16 LE mono to G.711 μ-law, one byte a sample. */
export function pcm16ToMulaw(pcm: Buffer): Buffer {
  const n = pcm.length >> 1;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) out[i] = mulawEncodeSample(pcm.readInt16LE(i * 2));
  return out;
}

/** G.711 μ-law to PCM16 LE mono. */
export function mulawToPcm16(mulaw: Uint8Array): Buffer {
  const out = Buffer.alloc(mulaw.length * 2);
  for (let i = 0; i < mulaw.length; i++) out.writeInt16LE(mulawDecodeTable[mulaw[i]!]!, i * 2);
  return out;
}
