/** The frame pacer: real-time pacing on one timer, the reply's lead, lateness and underruns as a listener would meet them. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFramePacer } from '../../src/core/voice/pacer.js';

const frames = (n: number) => Array.from({ length: n }, (_, i) => Buffer.from([i]));

describe('frame pacer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends the lead at once, then one frame every 20 ms, and none of those frames counts as late', () => {
    const seen: number[] = [];
    const late: number[] = [];
    const pacer = createFramePacer(20, () => Date.now(), { frameSent: (ms) => late.push(ms) }, 100);
    const start = Date.now();
    const track = pacer.track({ send: () => seen.push(Date.now() - start) });
    track.enqueue(frames(20));
    // 120 ms of audio (six frames) at once: 100 ms ahead of the frame that plays now.
    expect(seen).toEqual([0, 0, 0, 0, 0, 0]);
    vi.advanceTimersByTime(100);
    expect(seen.slice(6)).toEqual([20, 40, 60, 80, 100]);
    track.finish();
    vi.advanceTimersByTime(1000);
    expect(seen).toHaveLength(20);
    expect(Math.max(...late)).toBe(0);
    expect(track.stats.underruns).toBe(0);
  });

  it('a stalled loop makes the frames due meanwhile late; a reply that runs dry before its end is an underrun', () => {
    let now = 0;
    const late: number[] = [];
    let underruns = 0;
    const pacer = createFramePacer(20, () => now, { frameSent: (ms) => late.push(ms), underrun: () => underruns++ }, 0);
    const sent: number[] = [];
    const track = pacer.track({ send: () => sent.push(now) });
    track.enqueue(frames(3));
    expect(sent).toEqual([0]);
    // The timer fires 50 ms late: the two frames due at 20 and 40 leave together, 30 and 10 ms late.
    now = 50;
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([0, 50, 50]);
    expect(late).toEqual([0, 30, 10]);
    now = 60;
    vi.advanceTimersByTime(20);
    expect(underruns).toBe(1);
    expect(track.stats.underruns).toBe(1);
    // More of the reply: a fresh schedule from now.
    track.enqueue(frames(1));
    expect(sent.at(-1)).toBe(60);
    track.finish();
    now = 80;
    vi.advanceTimersByTime(20);
    expect(underruns).toBe(1);
    expect(pacer.activeTracks).toBe(0);
  });
});
