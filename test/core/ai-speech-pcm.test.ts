import { describe, expect, it } from 'vitest';
import { createPcm16Resampler, mulawToPcm16, pcm16ToMulaw, pcm16ToWav, resamplePcm16, wavToPcm16 } from '../../src/core/ai/pcm.js';

function sine(freq: number, rate: number, seconds: number, amplitude = 8000): Buffer {
  const n = Math.round(rate * seconds);
  const b = Buffer.alloc(n * 2);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate)), i * 2);
  return b;
}

const samples = (b: Buffer) => Array.from({ length: b.length >> 1 }, (_, i) => b.readInt16LE(i * 2));
const rms = (b: Buffer) => Math.sqrt(samples(b).reduce((s, x) => s + x * x, 0) / Math.max(1, b.length >> 1));

/** The amplitude of one frequency in a signal (a single DFT bin). */
function tone(b: Buffer, freq: number, rate: number): number {
  const x = samples(b);
  let re = 0;
  let im = 0;
  for (let i = 0; i < x.length; i++) {
    re += x[i]! * Math.cos((2 * Math.PI * freq * i) / rate);
    im -= x[i]! * Math.sin((2 * Math.PI * freq * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / x.length;
}

describe('PCM16 helpers', () => {
  it('resamples between 8, 16, 22.05 and 24 kHz keeping length, pitch and level', () => {
    const rates = [8000, 16000, 22050, 24000] as const;
    for (const from of rates) {
      for (const to of rates) {
        const input = sine(440, from, 0.5);
        const out = resamplePcm16(input, from, to);
        expect(Math.abs((out.length >> 1) - Math.round(0.5 * to))).toBeLessThanOrEqual(1);
        // The tone survives at the same frequency and level (edges excluded).
        const middle = out.subarray(Math.round(0.1 * to) * 2, Math.round(0.4 * to) * 2);
        expect(tone(middle, 440, to)).toBeGreaterThan(7600);
        expect(tone(middle, 440, to)).toBeLessThan(8400);
      }
    }
  });

  it('removes what the lower rate cannot carry instead of folding it back', () => {
    // 6 kHz cannot exist at 8 kHz; a naive decimator would alias it to 2 kHz.
    const out = resamplePcm16(sine(6000, 24000, 0.5), 24000, 8000);
    expect(tone(out, 2000, 8000)).toBeLessThan(400);
  });

  it('a stream resampled in 20 ms pieces equals the whole clip resampled at once', () => {
    const input = sine(300, 16000, 0.4);
    const whole = resamplePcm16(input, 16000, 24000);
    const r = createPcm16Resampler(16000, 24000);
    const parts: Buffer[] = [];
    // Odd-sized pieces too: a sample split across two writes is joined.
    for (let at = 0; at < input.length; at += 641) parts.push(r.push(input.subarray(at, at + 641)));
    parts.push(r.flush());
    const pieced = Buffer.concat(parts).subarray(0, whole.length);
    expect(pieced.equals(whole)).toBe(true);
  });

  it('μ-law round trip keeps the signal within G.711 quantization', () => {
    const input = sine(700, 8000, 0.2, 12000);
    const law = pcm16ToMulaw(input);
    expect(law.length).toBe(input.length / 2);
    const back = mulawToPcm16(law);
    const err = Buffer.alloc(input.length);
    for (let i = 0; i < input.length; i += 2) err.writeInt16LE(input.readInt16LE(i) - back.readInt16LE(i), i);
    expect(rms(err) / rms(input)).toBeLessThan(0.03);
    // Known G.711 codes: silence is 0xFF, full scale positive 0x80.
    expect(pcm16ToMulaw(Buffer.from([0, 0]))[0]).toBe(0xff);
    expect(pcm16ToMulaw(Buffer.from([0xff, 0x7f]))[0]).toBe(0x80);
    expect(mulawToPcm16(Buffer.from([0xff])).readInt16LE(0)).toBe(0);
  });

  it('wraps PCM in a WAV and reads it back, INFO entries included', () => {
    const pcm = sine(440, 16000, 0.1);
    const wav = pcm16ToWav(pcm, 16000, { ICMT: 'hello' });
    const back = wavToPcm16(wav)!;
    expect(back.sampleRate).toBe(16000);
    expect(back.pcm.equals(pcm)).toBe(true);
    expect(back.info.ICMT).toBe('hello');
    expect(wavToPcm16(Buffer.from('not a wav'))).toBeNull();
  });
});
